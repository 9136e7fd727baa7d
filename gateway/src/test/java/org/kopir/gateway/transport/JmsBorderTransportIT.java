package org.kopir.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.PartnerReceipts;
import org.kopir.gateway.testsupport.TestNode;

/**
 * The JMS border transport between two nodes, request-reply through the partner's broker, and what
 * the partner node's broker account may do there.
 */
class JmsBorderTransportIT extends TwoNodeTransportScenario {

  private static final String KZ_AT_KG = "kz-node-test";
  private static final String KG_AT_KZ = "kg-node-test";

  @Override
  void configure(TestNode kz, TestNode kg) {
    // no HTTPS border URL that works: anything delivered went through the brokers
    kz.set("kopir.partners.kg.border-url", "https://127.0.0.1:1")
        .set("kopir.partners.kg.transport", "jms")
        .set("kopir.delivery.request-timeout", "10s")
        .set("kopir.partners.kg.jms.broker-url", "tcp://127.0.0.1:" + kg.brokerPort())
        .set("kopir.partners.kg.jms.password", KZ_AT_KG)
        .set("kopir.partners.kg.jms.partner-password", "{noop}" + KG_AT_KZ);
    kg.set("kopir.partners.kz.border-url", "https://127.0.0.1:1")
        .set("kopir.partners.kz.transport", "jms")
        .set("kopir.delivery.request-timeout", "10s")
        .set("kopir.partners.kz.jms.broker-url", "tcp://127.0.0.1:" + kz.brokerPort())
        .set("kopir.partners.kz.jms.password", KG_AT_KZ)
        .set("kopir.partners.kz.jms.partner-password", "{noop}" + KZ_AT_KG);
  }

  @Override
  String transport() {
    return "jms";
  }

  @Test
  void thePartnerNodeMaySendOnlyToTheBorderQueue() {
    try (JMSContext partner = context("kz-node", KZ_AT_KG)) {
      assertThatThrownBy(
              () ->
                  partner.createProducer().send(partner.createQueue("agency.kg-cpd.outbox"), "{}"))
          .isInstanceOf(JMSSecurityRuntimeException.class);
      assertThatThrownBy(() -> partner.createConsumer(partner.createQueue("agency.kg-cpd.inbox")))
          .isInstanceOf(JMSSecurityRuntimeException.class);
    }
  }

  @Test
  void onlyThePartnerNodeWithItsPasswordMaySendToTheBorderQueue() {
    assertThatThrownBy(() -> context("kz-node", "wrong").close())
        .isInstanceOf(JMSRuntimeException.class);
    try (JMSContext agency = context("kg-cpd", "kg-cpd-dev")) {
      assertThatThrownBy(
              () -> agency.createProducer().send(agency.createQueue("kopir.border.in"), "{}"))
          .isInstanceOf(JMSSecurityRuntimeException.class);
    }
  }

  @Test
  void aPartnerCannotRelayOverTheBrokerAMessageAnotherPartnerSigned() throws Exception {
    ObjectNode fromTj = Envelopes.referral("TJ", "tj-cpc", "KG", "kg-cpd");
    String signedByTj = PartnerReceipts.of("tj").signedMessage(fromTj).toString();
    try (JMSContext partner = context("kz-node", KZ_AT_KG)) {
      TextMessage request = partner.createTextMessage(signedByTj);
      request.setStringProperty(JmsBorderSteps.OPERATION, JmsBorderSteps.DELIVER_MESSAGE);
      partner.createProducer().send(partner.createQueue("kopir.border.in"), request);
    }

    // The broker names the sender kz-node; the message is tj's: refused and audited as from kz.
    Http auditor = kg.person("auditor");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<String> refusals = new ArrayList<>();
              auditor
                  .get(kg.localUrl() + "/api/v1/audit/records?event=border.refused&size=200")
                  .json()
                  .path("records")
                  .forEach(
                      record ->
                          refusals.add(
                              record.path("actor").asText()
                                  + " "
                                  + record.path("detail").path("code").asText()));
              assertThat(refusals).contains("node:kz RELAYED_MESSAGE");
            });
    assertThat(
            kg.agency("kg-cpd")
                .get(kg.localUrl() + "/api/v1/inbox?limit=100")
                .json()
                .findValuesAsText("messageId"))
        .doesNotContain(Envelopes.messageId(fromTj));
  }

  private JMSContext context(String user, String password) {
    ActiveMQConnectionFactory factory =
        new ActiveMQConnectionFactory("tcp://127.0.0.1:" + kg.brokerPort());
    factory.setReconnectAttempts(0);
    return factory.createContext(user, password, JMSContext.AUTO_ACKNOWLEDGE);
  }
}
