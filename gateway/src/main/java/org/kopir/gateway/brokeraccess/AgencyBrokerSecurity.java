package org.kopir.gateway.brokeraccess;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager4;
import org.kopir.gateway.broker.BrokerLayout;
import org.kopir.gateway.broker.QueueNames;
import org.kopir.gateway.channels.ChannelsProperties;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Agency access to the embedded broker (SPEC §8 JMS channel). Each local agency authenticates with
 * its own user and may only send to its own outbox and consume or browse its own inbox.
 *
 * <p>The node's own connections (Camel routes, the inbox service) are in-VM and unauthenticated, as
 * Spring Boot's embedded connection factory opens them; they keep every right. Only in-VM
 * connections are trusted that way: nothing outside this JVM can open one.
 *
 * <p>Each partner node (JMS border transport, SPEC §9) logs in as {@code <partner>-node} with
 * {@code kopir.partners.<partner>.jms.partner-password}: it may send to the border queue ({@code
 * kopir.queues.border}) and consume from its reply queues ({@code
 * kopir.queues.border-replies}.&lt;partner&gt;.message|receipt), nothing else. The broker stamps
 * every message with the user that sent it ({@code _AMQ_VALIDATED_USER}), so the border knows which
 * partner put a request on the shared border queue.
 */
@Component
public class AgencyBrokerSecurity implements ArtemisConfigurationCustomizer {

  private static final String NODE_USER = "kopir-node";
  private static final String ROLE_PREFIX = "agency:";

  private final NodeProperties node;
  private final ChannelsProperties channels;
  private final QueueNames queues;

  public AgencyBrokerSecurity(NodeProperties node, ChannelsProperties channels, QueueNames queues) {
    this.node = node;
    this.channels = channels;
    this.queues = queues;
  }

  @Override
  public void customize(Configuration configuration) {
    if (!channels.getJms().isSecurityEnabled()) {
      return;
    }
    configuration.setSecurityEnabled(true);
    configuration.setPopulateValidatedUser(true);
    // The broker's caches are safe here: a session without a user can only be an in-VM one,
    // because every other connection must authenticate as an agency first.
    configuration.putSecurityRoles("#", Set.of());
    for (String agency : node.getAgencies().keySet()) {
      configuration.putSecurityRoles(queues.agencyOutbox(agency), Set.of(sender(agency)));
      configuration.putSecurityRoles(queues.agencyInbox(agency), Set.of(receiver(agency)));
    }
  }

  /** The broker's security manager: agency users from configuration, the node in-VM. */
  public ActiveMQSecurityManager4 securityManager() {
    PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    Map<String, String> passwords = new HashMap<>();
    String suffix = channels.getJms().getDevPasswordSuffix();
    for (String agency : node.getAgencies().keySet()) {
      String configured = channels.getJms().getUsers().get(agency);
      if (configured != null) {
        passwords.put(agency, configured);
      } else if (suffix != null && !suffix.isEmpty()) {
        passwords.put(agency, "{noop}" + agency + suffix);
      }
    }
    Map<String, PartnerNode> partners = new HashMap<>();
    node.activePartners()
        .forEach(
            (id, settings) -> {
              String partnerPassword = settings.getJms().getPartnerPassword();
              if (partnerPassword != null && !partnerPassword.isEmpty()) {
                String user = BrokerLayout.partnerUser(id);
                partners.put(
                    user,
                    new PartnerNode(
                        user,
                        partnerPassword,
                        queues.getBorder(),
                        QueueNames.BORDER_CALLS.stream()
                            .map(call -> queues.borderReplies(id, call))
                            .collect(Collectors.toUnmodifiableSet())));
              }
            });
    return new AgencyUsers(passwords, encoder, partners);
  }

  /**
   * The partner node's broker account: its user, encoded password, the border queue it sends to and
   * its own reply queues, the only ones it consumes from.
   */
  record PartnerNode(
      String user, String encodedPassword, String borderQueue, Set<String> replyQueues) {

    boolean allows(CheckType checkType, String address) {
      if (address == null) {
        return false;
      }
      if (checkType == CheckType.SEND) {
        return borderQueue.equals(address);
      }
      return checkType == CheckType.CONSUME && replyQueues.contains(address);
    }
  }

  /**
   * Spring Boot builds the embedded server without a security manager (it would fall back to a JAAS
   * configuration this node does not have); install ours before the server starts.
   */
  @Bean
  static BeanPostProcessor agencyBrokerSecurityInstaller(
      ObjectProvider<AgencyBrokerSecurity> security) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof EmbeddedActiveMQ server) {
          AgencyBrokerSecurity agencySecurity = security.getIfAvailable();
          if (agencySecurity != null && agencySecurity.channels.getJms().isSecurityEnabled()) {
            server.setSecurityManager(agencySecurity.securityManager());
          }
        }
        return bean;
      }
    };
  }

  private static Role sender(String agency) {
    Role role = new Role();
    role.setName(ROLE_PREFIX + agency);
    role.setSend(true);
    return role;
  }

  private static Role receiver(String agency) {
    Role role = new Role();
    role.setName(ROLE_PREFIX + agency);
    role.setConsume(true);
    role.setBrowse(true);
    return role;
  }

  /** Agency users with one role each ({@code agency:<id>}); in-VM connections are the node. */
  static final class AgencyUsers implements ActiveMQSecurityManager4 {

    private final Map<String, String> passwords;
    private final PasswordEncoder encoder;
    private final Map<String, PartnerNode> partners;

    AgencyUsers(
        Map<String, String> passwords, PasswordEncoder encoder, Map<String, PartnerNode> partners) {
      this.passwords = Map.copyOf(passwords);
      this.encoder = encoder;
      this.partners = Map.copyOf(partners);
    }

    @Override
    public String validateUser(
        String user, String password, RemotingConnection connection, String securityDomain) {
      if (isNode(connection)) {
        return user == null ? NODE_USER : agency(user, password).orElse(null);
      }
      return agency(user, password).orElse(null);
    }

    @Override
    public String validateUserAndRole(
        String user,
        String password,
        Set<Role> roles,
        CheckType checkType,
        String address,
        RemotingConnection connection,
        String securityDomain) {
      if (isNode(connection) && (user == null || NODE_USER.equals(user))) {
        return NODE_USER;
      }
      if (isPartner(user, password)) {
        return partners.get(user).allows(checkType, address) ? user : null;
      }
      Optional<String> agency = agency(user, password);
      if (agency.isEmpty()) {
        return null;
      }
      String roleName = ROLE_PREFIX + agency.get();
      boolean allowed =
          roles.stream()
              .anyMatch(role -> role.getName().equals(roleName) && checkType.hasRole(role));
      return allowed ? agency.get() : null;
    }

    @Override
    public boolean validateUser(String user, String password) {
      return agency(user, password).isPresent();
    }

    @Override
    public boolean validateUserAndRole(
        String user, String password, Set<Role> roles, CheckType checkType) {
      return validateUserAndRole(user, password, roles, checkType, null, null, null) != null;
    }

    private boolean isPartner(String user, String password) {
      PartnerNode partner = user == null ? null : partners.get(user);
      return partner != null
          && password != null
          && encoder.matches(password, partner.encodedPassword());
    }

    private Optional<String> agency(String user, String password) {
      if (isPartner(user, password)) {
        return Optional.of(user);
      }
      if (user == null || password == null) {
        return Optional.empty();
      }
      String encoded = passwords.get(user);
      if (encoded == null || !encoder.matches(password, encoded)) {
        return Optional.empty();
      }
      return Optional.of(user);
    }

    private static boolean isNode(RemotingConnection connection) {
      return connection != null && connection.getTransportConnection() instanceof InVMConnection;
    }
  }
}
