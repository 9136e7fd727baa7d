package org.kopir.gateway.transport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
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

  private JMSContext context(String user, String password) {
    ActiveMQConnectionFactory factory =
        new ActiveMQConnectionFactory("tcp://127.0.0.1:" + kg.brokerPort());
    factory.setReconnectAttempts(0);
    return factory.createContext(user, password, JMSContext.AUTO_ACKNOWLEDGE);
  }
}
