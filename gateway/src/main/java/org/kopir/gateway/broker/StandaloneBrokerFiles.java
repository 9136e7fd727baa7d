package org.kopir.gateway.broker;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.activemq.artemis.utils.DefaultSensitiveStringCodec;

/**
 * A {@link BrokerLayout} written as the configuration of a standalone Artemis broker instance:
 * {@code etc/broker.xml} (journal, TLS acceptor, queues, address settings, security settings) and
 * {@code etc/artemis-roles.properties}; {@code etc/artemis-users.properties} with one-way hashed
 * passwords when the passwords are given.
 *
 * @param layout the node's broker layout
 * @param acceptor where the broker listens and the TLS material it uses
 * @param replication this broker's place in a replicated primary/backup pair; {@code null} for a
 *     broker on its own (the configuration written is then the same as without it)
 */
public record StandaloneBrokerFiles(
    BrokerLayout layout, Acceptor acceptor, Replication replication) {

  /**
   * The account both brokers of a replicated pair present to each other (Artemis's cluster user).
   */
  public static final String CLUSTER_USER = "kopir-cluster";

  /** A broker on its own. */
  public StandaloneBrokerFiles(BrokerLayout layout, Acceptor acceptor) {
    this(layout, acceptor, null);
  }

  /** A broker's configured role in a replicated pair. */
  public enum Role {
    /** Active when the pair starts; takes over again from its backup when it comes back. */
    PRIMARY("kopir-primary"),
    /** Replicates the primary's journal and activates when the primary is gone. */
    BACKUP("kopir-backup");

    private final String connectorName;

    Role(String connectorName) {
      this.connectorName = connectorName;
    }

    /**
     * The name of the connector announcing the broker of this role; a client URL names its entries
     * so ({@code ?name=kopir-primary}) to fail over with its own TLS parameters.
     */
    public String connectorName() {
      return connectorName;
    }

    /** The other broker's role. */
    public Role peer() {
      return this == PRIMARY ? BACKUP : PRIMARY;
    }

    /** {@code primary} or {@code backup}, as on the command line. */
    public static Role of(String name) {
      for (Role role : values()) {
        if (role.name().equalsIgnoreCase(name)) {
          return role;
        }
      }
      throw new IllegalArgumentException("role must be primary or backup, not " + name);
    }
  }

  /**
   * A broker's place in a replicated primary/backup pair (Artemis {@code ha-policy} replication,
   * one pair: the backup activates as soon as it loses its primary, see docs/operations.md).
   *
   * @param role this broker's role
   * @param self where the other broker and clients reach this broker's acceptor
   * @param peer where this broker reaches the other broker's acceptor
   * @param clusterPassword the password of {@link #CLUSTER_USER}, the same on both brokers; written
   *     masked ({@code ENC(...)}, Artemis's default two-way codec)
   */
  public record Replication(Role role, Address self, Address peer, String clusterPassword) {

    public Replication {
      if (role == null || self == null || peer == null) {
        throw new IllegalArgumentException("role, self and peer are required");
      }
      if (clusterPassword == null || clusterPassword.isBlank()) {
        throw new IllegalArgumentException("the cluster password is required");
      }
    }

    /** Without the password. */
    @Override
    public String toString() {
      return "Replication[role=" + role + ", self=" + self + ", peer=" + peer + "]";
    }
  }

  /** A host and port another process can connect to. */
  public record Address(String host, int port) {

    public Address {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host is required");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
    }

    /** {@code host:port}, {@code [v6]:port}. */
    public static Address parse(String text) {
      int colon = text == null ? -1 : text.lastIndexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        throw new IllegalArgumentException("expected host:port, not " + text);
      }
      String host = text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      try {
        return new Address(host, Integer.parseInt(text.substring(colon + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected host:port, not " + text, e);
      }
    }

    /** Whether this is a wildcard bind address no other process can connect to. */
    public boolean isWildcard() {
      return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }

    String uriAuthority() {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /**
   * The broker's only acceptor: TLS with client certificates required.
   *
   * @param host address to bind
   * @param port port to bind
   * @param keyStore PEM file with the broker's private key and certificate chain
   * @param trustStore PKCS#12 file with the CA certificates whose clients may connect (this node's
   *     CA for agencies and the node, the partner's CA for the partner node), written by {@link
   *     #trustStore}: a PEM trust store would trust only its first certificate
   * @param trustStorePassword the trust store's integrity password (it holds no secret)
   */
  public record Acceptor(
      String host, int port, String keyStore, String trustStore, String trustStorePassword) {

    String uri() {
      return "tcp://"
          + host
          + ":"
          + port
          + "?protocols=CORE"
          + ";sslEnabled=true"
          + ";needClientAuth=true"
          + ";enabledProtocols=TLSv1.2,TLSv1.3"
          + ";keyStoreType=PEM"
          + ";keyStorePath="
          + keyStore
          + ";trustStoreType=PKCS12"
          + ";trustStorePath="
          + trustStore
          + ";trustStorePassword="
          + trustStorePassword;
    }

    /**
     * A connector to {@code target} presenting this broker's own key store as client certificate
     * (the acceptors of the pair require one) and trusting what this acceptor trusts.
     */
    String connectorUri(Address target) {
      return "tcp://"
          + target.uriAuthority()
          + "?sslEnabled=true"
          + ";enabledProtocols=TLSv1.2,TLSv1.3"
          + ";keyStoreType=PEM"
          + ";keyStorePath="
          + keyStore
          + ";trustStoreType=PKCS12"
          + ";trustStorePath="
          + trustStore
          + ";trustStorePassword="
          + trustStorePassword;
    }
  }

  /** A PKCS#12 trust store holding {@code certificates}, each its own trusted entry. */
  public static byte[] trustStore(
      java.util.List<java.security.cert.X509Certificate> certificates, String password) {
    try {
      java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      for (java.security.cert.X509Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + (++i), certificate);
      }
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      store.store(out, password.toCharArray());
      return out.toByteArray();
    } catch (java.security.GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot write the trust store", e);
    }
  }

  /** {@code etc/broker.xml}. */
  public String brokerXml() {
    StringBuilder xml = new StringBuilder();
    xml.append(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Generated by `java -jar kopir-gateway.jar broker-config` from the node's configuration
             (the same layout the embedded broker applies); edit the node's configuration, not this. -->
        <configuration xmlns="urn:activemq"
                       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                       xsi:schemaLocation="urn:activemq /schema/artemis-configuration.xsd">
          <core xmlns="urn:activemq:core">
        """);
    line(
        xml,
        2,
        "name",
        "kopir-"
            + layout.node()
            + (replication == null
                ? ""
                : "-" + replication.role().name().toLowerCase(java.util.Locale.ROOT)));
    xml.append(
        "    <!-- Durability: every send and acknowledgement is on disk before it is confirmed. -->\n");
    line(xml, 2, "persistence-enabled", "true");
    line(xml, 2, "journal-type", "ASYNCIO");
    line(xml, 2, "journal-datasync", "true");
    line(xml, 2, "journal-sync-transactional", "true");
    line(xml, 2, "journal-sync-non-transactional", "true");
    line(xml, 2, "journal-file-size", "10M");
    line(xml, 2, "journal-min-files", "2");
    line(xml, 2, "journal-pool-files", "10");
    line(
        xml,
        2,
        "journal-compact-min-files",
        String.valueOf(layout.broker().getJournalCompactMinFiles()));
    line(
        xml,
        2,
        "journal-compact-percentage",
        String.valueOf(layout.broker().getJournalCompactPercentage()));
    line(xml, 2, "paging-directory", "data/paging");
    line(xml, 2, "bindings-directory", "data/bindings");
    line(xml, 2, "journal-directory", "data/journal");
    line(xml, 2, "large-messages-directory", "data/large-messages");
    line(xml, 2, "persist-id-cache", "true");
    line(xml, 2, "id-cache-size", String.valueOf(BrokerLayout.ID_CACHE_SIZE));
    line(xml, 2, "critical-analyzer", "true");
    line(xml, 2, "critical-analyzer-policy", "HALT");
    line(xml, 2, "graceful-shutdown-enabled", "true");
    line(
        xml,
        2,
        "graceful-shutdown-timeout",
        String.valueOf(layout.broker().getGracefulShutdownTimeout().toMillis()));
    line(xml, 2, "security-enabled", "true");
    // The border knows which partner put a request on the shared border queue
    // (_AMQ_VALIDATED_USER).
    line(xml, 2, "populate-validated-user", "true");
    line(xml, 2, "jmx-management-enabled", "false");
    xml.append("    <acceptors>\n");
    xml.append("      <acceptor name=\"kopir-tls\">")
        .append(escape(acceptor.uri()))
        .append("</acceptor>\n");
    xml.append("    </acceptors>\n");
    if (replication != null) {
      replication(xml);
    }

    xml.append("    <security-settings>\n");
    securitySetting(xml, "#", Map.of());
    for (BrokerLayout.Queue queue : layout.queues()) {
      if (!queue.rights().isEmpty()) {
        securitySetting(xml, queue.name(), queue.rights());
      }
    }
    xml.append("    </security-settings>\n");

    xml.append("    <address-settings>\n");
    xml.append("      <!-- Nothing is created by a client: every queue is declared below. -->\n");
    xml.append("      <address-setting match=\"#\">\n");
    line(xml, 4, "auto-create-queues", "false");
    line(xml, 4, "auto-create-addresses", "false");
    line(xml, 4, "auto-delete-queues", "false");
    line(xml, 4, "auto-delete-addresses", "false");
    xml.append("      </address-setting>\n");
    for (BrokerLayout.Queue queue : layout.queues()) {
      BrokerLayout.Redelivery redelivery = queue.redelivery();
      if (redelivery == null) {
        continue;
      }
      xml.append("      <address-setting match=\"").append(escape(queue.name())).append("\">\n");
      line(xml, 4, "dead-letter-address", redelivery.deadLetter());
      line(xml, 4, "auto-create-dead-letter-resources", "false");
      line(xml, 4, "redelivery-delay", String.valueOf(redelivery.delayMillis()));
      line(xml, 4, "redelivery-delay-multiplier", String.valueOf(redelivery.multiplier()));
      line(xml, 4, "redelivery-collision-avoidance-factor", String.valueOf(redelivery.jitter()));
      line(xml, 4, "max-redelivery-delay", String.valueOf(redelivery.maxDelayMillis()));
      line(xml, 4, "max-delivery-attempts", String.valueOf(redelivery.maxAttempts()));
      line(xml, 4, "auto-create-queues", "false");
      line(xml, 4, "auto-create-addresses", "false");
      xml.append("      </address-setting>\n");
    }
    xml.append("    </address-settings>\n");

    xml.append("    <addresses>\n");
    for (BrokerLayout.Queue queue : layout.queues()) {
      String name = escape(queue.name());
      xml.append("      <address name=\"").append(name).append("\">\n");
      xml.append("        <anycast>\n");
      xml.append("          <queue name=\"").append(name).append("\"/>\n");
      xml.append("        </anycast>\n");
      xml.append("      </address>\n");
    }
    xml.append("    </addresses>\n");
    xml.append("  </core>\n");
    xml.append("</configuration>\n");
    return xml.toString();
  }

  /**
   * The pair: both brokers' connectors, the cluster account, the replication policy and the cluster
   * connection through which the backup finds its primary and clients learn of the backup.
   */
  private void replication(StringBuilder xml) {
    Role role = replication.role();
    String group = "kopir-" + layout.node();
    xml.append(
        "    <!-- A replicated pair: the backup copies every journal write of the primary before\n"
            + "         the primary confirms it, and activates when it loses the primary. -->\n");
    line(xml, 2, "cluster-user", CLUSTER_USER);
    line(xml, 2, "cluster-password", "ENC(" + mask(replication.clusterPassword()) + ")");
    xml.append("    <connectors>\n");
    connector(xml, role.connectorName(), replication.self());
    connector(xml, role.peer().connectorName(), replication.peer());
    xml.append("    </connectors>\n");
    xml.append("    <ha-policy>\n");
    xml.append("      <replication>\n");
    if (role == Role.PRIMARY) {
      xml.append("        <primary>\n");
      line(xml, 5, "group-name", group);
      xml.append(
          "          <!-- Restarted after a failover, it first takes the journal back from the\n"
              + "               active backup instead of serving its own stale one. -->\n");
      line(xml, 5, "check-for-active-server", "true");
      xml.append("          <!-- Without its backup it carries on alone. -->\n");
      line(xml, 5, "vote-on-replication-failure", "false");
      xml.append("        </primary>\n");
    } else {
      xml.append("        <backup>\n");
      line(xml, 5, "group-name", group);
      xml.append("          <!-- Steps back when the primary returns and has caught up. -->\n");
      line(xml, 5, "allow-failback", "true");
      xml.append(
          "          <!-- One pair, nobody else to vote: the backup decides alone that its primary is\n"
              + "               gone (split brain possible if only the link between them fails). -->\n");
      line(xml, 5, "quorum-size", "1");
      xml.append("        </backup>\n");
    }
    xml.append("      </replication>\n");
    xml.append("    </ha-policy>\n");
    xml.append("    <cluster-connections>\n");
    xml.append("      <cluster-connection name=\"").append(escape(group)).append("-pair\">\n");
    line(xml, 4, "connector-ref", role.connectorName());
    xml.append("        <!-- Only one broker of the pair is active: nothing to balance. -->\n");
    line(xml, 4, "message-load-balancing", "OFF");
    xml.append("        <static-connectors>\n");
    line(xml, 5, "connector-ref", role.peer().connectorName());
    xml.append("        </static-connectors>\n");
    xml.append("      </cluster-connection>\n");
    xml.append("    </cluster-connections>\n");
  }

  private void connector(StringBuilder xml, String name, Address target) {
    xml.append("      <connector name=\"")
        .append(escape(name))
        .append("\">")
        .append(escape(acceptor.connectorUri(target)))
        .append("</connector>\n");
  }

  /**
   * {@code secret} masked with Artemis's default two-way codec, which the broker reverses when it
   * reads {@code ENC(...)}: its key is Artemis's default unless {@code
   * ARTEMIS_DEFAULT_SENSITIVE_STRING_CODEC_KEY} is set (then the broker needs it too).
   */
  static String mask(String secret) {
    DefaultSensitiveStringCodec codec = new DefaultSensitiveStringCodec();
    try {
      codec.init(
          Map.of(DefaultSensitiveStringCodec.ALGORITHM, DefaultSensitiveStringCodec.TWO_WAY));
      return codec.encode(secret);
    } catch (Exception e) {
      throw new IllegalStateException("Artemis password codec unavailable", e);
    }
  }

  /** {@code etc/artemis-roles.properties}: each role and its one user. */
  public String rolesProperties() {
    Map<String, List<String>> roles = new TreeMap<>();
    layout
        .users()
        .forEach((user, role) -> roles.computeIfAbsent(role, r -> new ArrayList<>()).add(user));
    StringBuilder text = new StringBuilder("# Generated by broker-config: role = users\n");
    roles.forEach(
        (role, users) ->
            text.append(role).append(" = ").append(String.join(",", users)).append('\n'));
    return text.toString();
  }

  /**
   * {@code etc/artemis-users.properties}: each user with its password hashed one way (Artemis's
   * {@code ENC(...)} form, PBKDF2), never the password itself.
   *
   * @param passwords clear passwords by user; users without one are left out (they cannot log in)
   */
  public String usersProperties(Map<String, String> passwords) {
    DefaultSensitiveStringCodec codec = new DefaultSensitiveStringCodec();
    try {
      codec.init(
          Map.of(DefaultSensitiveStringCodec.ALGORITHM, DefaultSensitiveStringCodec.ONE_WAY));
    } catch (Exception e) {
      throw new IllegalStateException("Artemis password codec unavailable", e);
    }
    StringBuilder text = new StringBuilder("# Generated by broker-config: user = ENC(hash)\n");
    for (String user : layout.users().keySet()) {
      String password = passwords.get(user);
      if (password == null) {
        continue;
      }
      try {
        text.append(user).append(" = ENC(").append(codec.encode(password)).append(")\n");
      } catch (Exception e) {
        throw new IllegalStateException("cannot hash the password of " + user, e);
      }
    }
    return text.toString();
  }

  private void securitySetting(
      StringBuilder xml, String match, Map<String, Set<BrokerLayout.Permission>> rights) {
    Map<String, Set<BrokerLayout.Permission>> all = new LinkedHashMap<>();
    // Artemis applies the most specific match alone, so every setting names the node's role too.
    all.put(BrokerLayout.NODE_ROLE, EnumSet.allOf(BrokerLayout.Permission.class));
    all.putAll(rights);
    xml.append("      <security-setting match=\"").append(escape(match)).append("\">\n");
    for (BrokerLayout.Permission permission : BrokerLayout.Permission.values()) {
      List<String> roles = new ArrayList<>();
      all.forEach(
          (role, granted) -> {
            if (granted.contains(permission)) {
              roles.add(role);
            }
          });
      xml.append("        <permission type=\"")
          .append(permission.artemisName())
          .append("\" roles=\"")
          .append(escape(String.join(",", roles)))
          .append("\"/>\n");
    }
    xml.append("      </security-setting>\n");
  }

  private static void line(StringBuilder xml, int depth, String element, String value) {
    xml.append("  ".repeat(depth))
        .append('<')
        .append(element)
        .append('>')
        .append(escape(value))
        .append("</")
        .append(element)
        .append(">\n");
  }

  private static String escape(String value) {
    return value
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
