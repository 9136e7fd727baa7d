package org.kopir.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.deployers.impl.FileConfigurationParser;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.utils.DefaultSensitiveStringCodec;
import org.junit.jupiter.api.Test;

class StandaloneBrokerFilesTest {

  private final BrokerLayout layout = layout();
  private final StandaloneBrokerFiles files =
      new StandaloneBrokerFiles(
          layout,
          new StandaloneBrokerFiles.Acceptor(
              "0.0.0.0", 61617, "/certs/tls.pem", "/etc/kopir-trust.p12", "integrity"));

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
  void theTrustStoreTrustsEveryCaCertificateGiven() throws Exception {
    java.nio.file.Path pki = java.nio.file.Files.createTempDirectory("trust");
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
