package org.kopir.gateway.transport;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.kopir.gateway.broker.BrokerLayout;
import org.kopir.gateway.delivery.DeliveryProperties;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The partner's broker for the JMS border transport: bound in Camel's registry as {@code
 * partnerBroker} (used by {@code connectionFactory=#partnerBroker} in {@code
 * routes/partner.camel.yaml}), not as a Spring bean, so that it never stands in for this node's own
 * broker. One attempt per call: retrying is the outbound queue's business.
 */
@Component
public class PartnerBroker implements CamelContextConfiguration, DisposableBean {

  /** Name of the connection factory in Camel's registry. */
  public static final String NAME = "partnerBroker";

  private final ActiveMQConnectionFactory factory;

  public PartnerBroker(
      NodeProperties node, DeliveryProperties properties, Environment environment) {
    requireRouteName(properties, environment);
    DeliveryProperties.Jms jms = properties.getJms();
    boolean configured = jms.getBrokerUrl() != null && !jms.getBrokerUrl().isBlank();
    if (properties.getTransport() == DeliveryProperties.Transport.JMS && !configured) {
      throw new IllegalStateException(
          "kopir.delivery.transport=jms needs kopir.delivery.jms.broker-url");
    }
    // Nothing connects before the first call, so an unused transport costs nothing.
    this.factory = new ActiveMQConnectionFactory(configured ? jms.getBrokerUrl() : "tcp://unset:0");
    factory.setUser(
        jms.getUser() != null ? jms.getUser() : BrokerLayout.partnerUser(node.getNode()));
    factory.setPassword(jms.getPassword());
    factory.setReconnectAttempts(0);
    factory.setInitialConnectAttempts(1);
    factory.setCallTimeout(properties.getConnectTimeout().toMillis());
  }

  /**
   * The transport's value names the partner-call routes ({@code
   * direct:partner-<transport>-message}), so it must be written as they are: in lower case.
   */
  private static void requireRouteName(DeliveryProperties properties, Environment environment) {
    String written = environment.getProperty("kopir.delivery.transport");
    String expected = properties.getTransport().name().toLowerCase(java.util.Locale.ROOT);
    if (written != null && !written.equals(expected)) {
      throw new IllegalStateException(
          "kopir.delivery.transport must be written in lower case (https, soap or jms): it names"
              + " the route direct:partner-"
              + expected
              + "-message; found \""
              + written
              + "\"");
    }
  }

  @Override
  public void beforeApplicationStart(CamelContext camelContext) {
    camelContext.getRegistry().bind(NAME, factory);
  }

  @Override
  public void afterApplicationStart(CamelContext camelContext) {}

  @Override
  public void destroy() {
    factory.close();
  }
}
