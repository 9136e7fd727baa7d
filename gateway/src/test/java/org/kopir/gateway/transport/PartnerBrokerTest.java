package org.kopir.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.kopir.gateway.delivery.DeliveryProperties;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.node.Partners;
import org.kopir.gateway.testsupport.TestPartners;

class PartnerBrokerTest {

  @Test
  void aTransportNotWrittenAsItsRouteNameStopsTheNodeAtStartUp() {
    NodeProperties kz = TestPartners.node("kz");

    assertThatThrownBy(() -> new Partners(kz, TestPartners.configDir(), "HTTPS"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lower case")
        .hasMessageContaining("kopir.partners.kg.transport");
  }

  @Test
  void theJmsTransportNeedsThePartnersBroker() {
    NodeProperties kz = TestPartners.node("kz");
    kz.getPartners().get("tj").setTransport("jms");

    assertThatThrownBy(() -> broker(kz))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("kopir.partners.tj.jms.broker-url");
  }

  @Test
  void eachPartnerOverJmsGetsItsOwnBroker() throws Exception {
    NodeProperties kz = TestPartners.node("kz");
    kz.getPartners().get("kg").setTransport("jms");
    kz.getPartners().get("kg").getJms().setBrokerUrl("tcp://127.0.0.1:1");

    PartnerBroker broker = broker(kz);

    assertThat(PartnerBroker.name("kg")).isEqualTo("partnerBroker-kg");
    broker.destroy();
  }

  @Test
  void anUnusedJmsTransportNeedsNoBroker() {
    assertThatCode(() -> broker(TestPartners.node("kz")).destroy()).doesNotThrowAnyException();
  }

  private static PartnerBroker broker(NodeProperties node) {
    return new PartnerBroker(node, TestPartners.partners(node), new DeliveryProperties());
  }
}
