package org.kopir.gateway.transport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.kopir.gateway.delivery.DeliveryProperties;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.mock.env.MockEnvironment;

class PartnerBrokerTest {

  @Test
  void aTransportNotWrittenAsItsRouteNameStopsTheNodeAtStartUp() {
    DeliveryProperties delivery = new DeliveryProperties();
    delivery.setTransport(DeliveryProperties.Transport.HTTPS);

    assertThatThrownBy(() -> broker(delivery, "HTTPS"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lower case")
        .hasMessageContaining("direct:partner-https-message");
  }

  @Test
  void theJmsTransportNeedsThePartnersBroker() {
    DeliveryProperties delivery = new DeliveryProperties();
    delivery.setTransport(DeliveryProperties.Transport.JMS);

    assertThatThrownBy(() -> broker(delivery, "jms"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("kopir.delivery.jms.broker-url");
  }

  @Test
  void anUnusedJmsTransportNeedsNoBroker() {
    DeliveryProperties delivery = new DeliveryProperties();

    assertThatCode(() -> broker(delivery, "https").destroy()).doesNotThrowAnyException();
  }

  private static PartnerBroker broker(DeliveryProperties delivery, String written) {
    NodeProperties node = new NodeProperties();
    node.setNode("kz");
    return new PartnerBroker(
        node, delivery, new MockEnvironment().withProperty("kopir.delivery.transport", written));
  }
}
