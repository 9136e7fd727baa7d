package org.kopir.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicatedPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.deployers.impl.FileConfigurationParser;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.utils.DefaultSensitiveStringCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.broker.StandaloneBrokerFiles.Address;

class StandaloneBrokerFilesTest {

  private final BrokerLayout layout = layout();
  private final StandaloneBrokerFiles files = new StandaloneBrokerFiles(layout, acceptor());

  @Test
  void theEmbeddedBrokerAsksForTheJournalTheStandaloneBrokerRuns() throws Exception {
    // Parsing the file already falls back to NIO in a JVM without the native library.
    String standalone = files.brokerXml();
    Configuration embedded = new ConfigurationImpl();
    new EmbeddedBrokerCustomizer(layout.broker(), layout).customize(embedded);

    assertThat(standalone)
        .contains("<journal-type>ASYNCIO</journal-type>")
        .contains("<journal-datasync>true</journal-datasync>");
    assertThat(embedded.getJournalType()).isEqualTo(JournalType.ASYNCIO);
    assertThat(embedded.isJournalDatasync()).isTrue();
    assertThat(embedded.getJournalMaxIO_AIO()).isEqualTo(256);
  }

  @Test
  void bothBrokersCompactTheirJournalsAtTheConfiguredFileCountAndLiveShare() throws Exception {
    BrokerLayout configured = layout();
    configured.broker().setJournalCompactMinFiles(4);
    configured.broker().setJournalCompactPercentage(45);
    Configuration standalone = parse(new StandaloneBrokerFiles(configured, acceptor()).brokerXml());
    Configuration embedded = new ConfigurationImpl();
    new EmbeddedBrokerCustomizer(configured.broker(), configured).customize(embedded);

    assertThat(standalone.getJournalCompactMinFiles()).isEqualTo(4);
    assertThat(standalone.getJournalCompactPercentage()).isEqualTo(45);
    assertThat(embedded.getJournalCompactMinFiles()).isEqualTo(4);
    assertThat(embedded.getJournalCompactPercentage()).isEqualTo(45);
  }

  @Test
  void theStandaloneBrokerGetsTheAddressSettingsTheEmbeddedBrokerApplies() throws Exception {
    Configuration standalone = parse(files.brokerXml());
    Configuration embedded = new ConfigurationImpl();
    new EmbeddedBrokerCustomizer(layout.broker(), layout).customize(embedded);

    for (BrokerLayout.Queue queue : layout.queues()) {
      if (queue.redelivery() == null) {
        continue;
      }
      AddressSettings written = standalone.getAddressSettings().get(queue.name());
      AddressSettings applied = embedded.getAddressSettings().get(queue.name());
      assertThat(written).as(queue.name()).isNotNull();
      assertThat(written.getRedeliveryDelay()).isEqualTo(applied.getRedeliveryDelay());
      assertThat(written.getRedeliveryMultiplier()).isEqualTo(applied.getRedeliveryMultiplier());
      assertThat(written.getRedeliveryCollisionAvoidanceFactor())
          .isEqualTo(applied.getRedeliveryCollisionAvoidanceFactor());
      assertThat(written.getMaxRedeliveryDelay()).isEqualTo(applied.getMaxRedeliveryDelay());
      assertThat(written.getMaxDeliveryAttempts()).isEqualTo(applied.getMaxDeliveryAttempts());
      assertThat(written.getDeadLetterAddress().toString())
          .isEqualTo(applied.getDeadLetterAddress().toString());
    }
    assertThat(
            standalone.getAddressSettings().get("kopir.outbound.kg.high").getMaxRedeliveryDelay())
        .isEqualTo(Duration.ofMinutes(5).toMillis());
    assertThat(
            standalone.getAddressConfigurations().stream()
                .map(address -> address.getName())
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(
            layout.queues().stream().map(BrokerLayout.Queue::name).toList());
  }

  @Test
  void theStandaloneBrokerIsDurableAndListensOnlyOnTlsWithClientCertificates() throws Exception {
    Configuration standalone = parse(files.brokerXml());

    assertThat(standalone.isPersistenceEnabled()).isTrue();
    assertThat(standalone.isJournalSyncTransactional()).isTrue();
    assertThat(standalone.isJournalSyncNonTransactional()).isTrue();
    assertThat(standalone.isJournalDatasync()).isTrue();
    assertThat(standalone.isPersistIDCache()).isTrue();
    assertThat(standalone.isSecurityEnabled()).isTrue();
    assertThat(standalone.getAcceptorConfigurations()).hasSize(1);
    Map<String, Object> params =
        standalone.getAcceptorConfigurations().iterator().next().getParams();
    assertThat(params)
        .containsEntry("sslEnabled", "true")
        .containsEntry("needClientAuth", "true")
        .containsEntry("keyStorePath", "/certs/tls.pem")
        .containsEntry("trustStorePath", "/etc/kopir-trust.p12")
        .containsEntry("trustStoreType", "PKCS12")
        .containsEntry("port", "61617");
  }

  @Test
  void eachAgencyOnlyOnItsOwnQueuesAndThePartnerOnlyOnTheBorderAndItsReplies() throws Exception {
    Map<String, Set<Role>> roles = parse(files.brokerXml()).getSecurityRoles();

    assertThat(sending(roles.get("#"))).containsExactly("kopir-node");
    assertThat(sending(roles.get("agency.kz-cpc.outbox")))
        .containsExactlyInAnyOrder("kopir-node", "agency.kz-cpc");
    assertThat(consuming(roles.get("agency.kz-cpc.outbox"))).containsExactly("kopir-node");
    assertThat(consuming(roles.get("agency.kz-cpc.inbox")))
        .containsExactlyInAnyOrder("kopir-node", "agency.kz-cpc");
    assertThat(sending(roles.get("agency.kz-cpc.inbox"))).containsExactly("kopir-node");
    assertThat(sending(roles.get("kopir.border.in")))
        .containsExactlyInAnyOrder("kopir-node", "partner.kg", "partner.tj");
    assertThat(consuming(roles.get("kopir.border.in"))).containsExactly("kopir-node");
    for (String call : QueueNames.BORDER_CALLS) {
      assertThat(consuming(roles.get("kopir.border.replies.kg." + call)))
          .containsExactlyInAnyOrder("kopir-node", "partner.kg");
      assertThat(consuming(roles.get("kopir.border.replies.tj." + call)))
          .containsExactlyInAnyOrder("kopir-node", "partner.tj");
    }
    assertThat(roles.get("kopir.outbound.kg.high")).isNull();
    assertThat(
            roles.values().stream()
                .flatMap(Set::stream)
                .filter(role -> role.getName().startsWith("agency.kz-almaty"))
                .count())
        .isEqualTo(2);
  }

  @Test
  void accountsAreWrittenAsOneWayHashesWithTheirRoles() throws Exception {
    Properties users =
        properties(
            files.usersProperties(
                Map.of("kopir-node", "node secret", "kg-node", "partner secret")));
    Properties roles = properties(files.rolesProperties());

    assertThat(users.stringPropertyNames()).containsExactlyInAnyOrder("kopir-node", "kg-node");
    String stored = users.getProperty("kopir-node");
    assertThat(stored).startsWith("ENC(").doesNotContain("node secret");
    DefaultSensitiveStringCodec codec = new DefaultSensitiveStringCodec();
    codec.init(Map.of(DefaultSensitiveStringCodec.ALGORITHM, DefaultSensitiveStringCodec.ONE_WAY));
    String hash = stored.substring(4, stored.length() - 1);
    assertThat(codec.verify("node secret".toCharArray(), hash)).isTrue();
    assertThat(codec.verify("partner secret".toCharArray(), hash)).isFalse();
    assertThat(roles.getProperty("partner.kg")).isEqualTo("kg-node");
    assertThat(roles.getProperty("agency.kz-cpc")).isEqualTo("kz-cpc");
    assertThat(roles.getProperty("kopir-node")).isEqualTo("kopir-node");
  }

  @Test
  void theTrustStoreTrustsEveryCaCertificateGiven(@TempDir java.nio.file.Path pki)
      throws Exception {
    org.kopir.gateway.crypto.DevPki.generate(
        pki, org.kopir.gateway.crypto.DevPki.DEMO, java.time.Instant.now(), false);
    List<java.security.cert.X509Certificate> cas =
        List.of(
            org.kopir.gateway.crypto.PemFiles.readCertificate(pki.resolve("kz/ca.crt")),
            org.kopir.gateway.crypto.PemFiles.readCertificate(pki.resolve("kg/ca.crt")));

    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    store.load(
        new ByteArrayInputStream(StandaloneBrokerFiles.trustStore(cas, "integrity")),
        "integrity".toCharArray());
    javax.net.ssl.TrustManagerFactory factory =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    javax.net.ssl.X509TrustManager trust =
        (javax.net.ssl.X509TrustManager) factory.getTrustManagers()[0];

    assertThat(trust.getAcceptedIssuers()).containsExactlyInAnyOrderElementsOf(cas);
  }

  @Test
  void aBrokerOnItsOwnHasNoPairConfiguration() throws Exception {
    Configuration standalone = parse(files.brokerXml());

    assertThat(standalone.getName()).isEqualTo("kopir-kz");
    assertThat(standalone.getConnectorConfigurations()).isEmpty();
    assertThat(standalone.getClusterConfigurations()).isEmpty();
    assertThat(files.brokerXml()).doesNotContain("ha-policy", "cluster-");
    assertThat(files.brokerXml())
        .isEqualTo(new StandaloneBrokerFiles(layout, acceptor()).brokerXml());
  }

  @Test
  void thePrimaryOfAPairReplicatesToItsBackupAndTakesTheJournalBackAfterAFailover()
      throws Exception {
    String xml = pair(StandaloneBrokerFiles.Role.PRIMARY).brokerXml();
    Configuration primary = parse(xml);

    assertThat(primary.getName()).isEqualTo("kopir-kz-primary");
    assertThat(primary.getHAPolicyConfiguration())
        .isInstanceOfSatisfying(
            ReplicatedPolicyConfiguration.class,
            policy -> {
              assertThat(policy.isCheckForActiveServer()).isTrue();
              assertThat(policy.getVoteOnReplicationFailure()).isFalse();
              assertThat(policy.getGroupName()).isEqualTo("kopir-kz");
            });
    assertPairConnections(primary, "kopir-primary", "10.0.0.1", "kopir-backup", "10.0.0.2");
    assertThat(xml).doesNotContain("cluster secret");
  }

  @Test
  void theBackupOfAPairFailsOverAloneAndStepsBackWhenThePrimaryReturns() throws Exception {
    String xml = pair(StandaloneBrokerFiles.Role.BACKUP).brokerXml();
    Configuration backup = parse(xml);

    assertThat(backup.getName()).isEqualTo("kopir-kz-backup");
    assertThat(backup.getHAPolicyConfiguration())
        .isInstanceOfSatisfying(
            ReplicaPolicyConfiguration.class,
            policy -> {
              assertThat(policy.isAllowFailBack()).isTrue();
              assertThat(policy.getQuorumSize()).isEqualTo(1);
              assertThat(policy.getGroupName()).isEqualTo("kopir-kz");
            });
    assertPairConnections(backup, "kopir-backup", "10.0.0.1", "kopir-primary", "10.0.0.2");
    assertThat(xml).doesNotContain("cluster secret");
  }

  @Test
  void bothBrokersOfAPairKeepTheQueuesAccountsAndSettingsOfABrokerOnItsOwn() throws Exception {
    Configuration alone = parse(files.brokerXml());
    for (StandaloneBrokerFiles.Role role : StandaloneBrokerFiles.Role.values()) {
      Configuration paired = parse(pair(role).brokerXml());

      assertThat(paired.getSecurityRoles()).as(role.name()).isEqualTo(alone.getSecurityRoles());
      assertThat(paired.getAddressSettings()).as(role.name()).isEqualTo(alone.getAddressSettings());
      assertThat(paired.getAddressConfigurations().toString())
          .as(role.name())
          .isEqualTo(alone.getAddressConfigurations().toString());
      assertThat(paired.getAcceptorConfigurations())
          .as(role.name())
          .isEqualTo(alone.getAcceptorConfigurations());
      assertThat(paired.isPersistIDCache()).isTrue();
      assertThat(paired.isJournalSyncNonTransactional()).isTrue();
    }
    assertThat(pair(StandaloneBrokerFiles.Role.BACKUP).rolesProperties())
        .isEqualTo(files.rolesProperties());
  }

  @Test
  void addressesOfThePairAreHostAndPort() {
    assertThat(Address.parse("broker-b.example:61617"))
        .isEqualTo(new Address("broker-b.example", 61617));
    assertThat(Address.parse("[::1]:61617")).isEqualTo(new Address("::1", 61617));
    assertThat(new Address("::1", 61617).uriAuthority()).isEqualTo("[::1]:61617");
    assertThat(new Address("0.0.0.0", 61617).isWildcard()).isTrue();
    assertThatThrownBy(() -> Address.parse("broker-b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Address.parse("broker-b:0"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Address.parse(":61617")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StandaloneBrokerFiles.Role.of("live"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(StandaloneBrokerFiles.Role.of("Backup"))
        .isEqualTo(StandaloneBrokerFiles.Role.BACKUP);
  }

  /**
   * The cluster account, this broker's connector announced to the peer and clients, and the cluster
   * connection to the peer, both connectors over TLS with the broker's own certificate.
   */
  private static void assertPairConnections(
      Configuration broker, String self, String selfHost, String peer, String peerHost) {
    assertThat(broker.getClusterUser()).isEqualTo("kopir-cluster");
    assertThat(broker.getClusterPassword()).isEqualTo("cluster secret");
    Map<String, TransportConfiguration> connectors = broker.getConnectorConfigurations();
    assertThat(connectors).containsOnlyKeys(self, peer);
    assertThat(connectors.get(self).getParams())
        .containsEntry("host", selfHost)
        .containsEntry("port", "61617");
    assertThat(connectors.get(peer).getParams())
        .containsEntry("host", peerHost)
        .containsEntry("port", "61617");
    for (TransportConfiguration connector : connectors.values()) {
      assertThat(connector.getParams())
          .containsEntry("sslEnabled", "true")
          .containsEntry("keyStoreType", "PEM")
          .containsEntry("keyStorePath", "/certs/tls.pem")
          .containsEntry("trustStoreType", "PKCS12")
          .containsEntry("trustStorePath", "/etc/kopir-trust.p12")
          .containsEntry("trustStorePassword", "integrity");
    }
    assertThat(broker.getClusterConfigurations()).hasSize(1);
    ClusterConnectionConfiguration cluster = broker.getClusterConfigurations().get(0);
    assertThat(cluster.getConnectorName()).isEqualTo(self);
    assertThat(cluster.getStaticConnectors()).containsExactly(peer);
    assertThat(cluster.getMessageLoadBalancingType()).isEqualTo(MessageLoadBalancingType.OFF);
  }

  private StandaloneBrokerFiles pair(StandaloneBrokerFiles.Role role) {
    Address first = new Address("10.0.0.1", 61617);
    Address second = new Address("10.0.0.2", 61617);
    return new StandaloneBrokerFiles(
        layout,
        acceptor(),
        new StandaloneBrokerFiles.Replication(role, first, second, "cluster secret"));
  }

  private static StandaloneBrokerFiles.Acceptor acceptor() {
    return new StandaloneBrokerFiles.Acceptor(
        "0.0.0.0", 61617, "/certs/tls.pem", "/etc/kopir-trust.p12", "integrity");
  }

  private static Configuration parse(String xml) throws Exception {
    return new FileConfigurationParser()
        .parseMainConfig(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static Properties properties(String text) throws Exception {
    Properties properties = new Properties();
    properties.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    return properties;
  }

  private static List<String> sending(Set<Role> roles) {
    return roles.stream().filter(Role::isSend).map(Role::getName).toList();
  }

  private static List<String> consuming(Set<Role> roles) {
    return roles.stream().filter(Role::isConsume).map(Role::getName).toList();
  }

  private static BrokerLayout layout() {
    QueueNames names = new QueueNames();
    names.setOutbound("kopir.outbound");
    names.setOutboundDeadLetter("kopir.dead-letter.outbound");
    names.setReceipts("kopir.outbound-receipts");
    names.setReceiptsDeadLetter("kopir.dead-letter.receipts");
    names.setBorder("kopir.border.in");
    names.setBorderReplies("kopir.border.replies");
    names.setAgencyPrefix("agency");
    names.setPushDeadLetter("kopir.dead-letter.push");
    names.setOutboxDeadLetter("kopir.dead-letter.agency-outbox");
    return new BrokerLayout(
        "kz",
        List.of("kz-cpc", "kz-almaty-guardianship"),
        List.of("kg", "tj"),
        names,
        new BrokerProperties());
  }
}
