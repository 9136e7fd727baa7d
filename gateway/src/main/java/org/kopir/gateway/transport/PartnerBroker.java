package org.kopir.gateway.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.kopir.gateway.broker.BrokerLayout;
import org.kopir.gateway.delivery.DeliveryProperties;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.node.Partner;
import org.kopir.gateway.node.Partners;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The brokers of the partners this node reaches over the JMS border transport: each bound in
 * Camel's registry as {@code partnerBroker-<partner>} (used by {@code
 * connectionFactory=#partnerBroker-<partner>} in {@code routes/partner.camel.yaml}), not as a
 * Spring bean, so that none ever stands in for this node's own broker. One attempt per call:
 * retrying is the outbound queue's business.
 */
@Component
public class PartnerBroker implements CamelContextConfiguration, DisposableBean {

  private final Map<String, ActiveMQConnectionFactory> factories = new LinkedHashMap<>();

  public PartnerBroker(NodeProperties node, Partners partners, DeliveryProperties properties) {
    for (Partner partner : partners.all()) {
      NodeProperties.Jms jms = partner.settings().getJms();
      if (!jms.isConfigured()) {
        if ("jms".equals(partner.transport())) {
          throw new IllegalStateException(
              "kopir.partners."
                  + partner.node()
                  + ".transport=jms needs kopir.partners."
                  + partner.node()
                  + ".jms.broker-url");
        }
        continue;
      }
      // Nothing connects before the first call, so an unused transport costs nothing.
      ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(jms.getBrokerUrl());
      factory.setUser(
          jms.getUser() != null ? jms.getUser() : BrokerLayout.partnerUser(node.getNode()));
      factory.setPassword(jms.getPassword());
      factory.setReconnectAttempts(0);
      factory.setInitialConnectAttempts(1);
      factory.setCallTimeout(properties.getConnectTimeout().toMillis());
      factories.put(partner.node(), factory);
    }
  }

  /** The registry name of partner {@code partner}'s broker. */
  public static String name(String partner) {
    return "partnerBroker-" + partner;
  }

  @Override
  public void beforeApplicationStart(CamelContext camelContext) {
    factories.forEach(
        (partner, factory) -> camelContext.getRegistry().bind(name(partner), factory));
  }

  @Override
  public void afterApplicationStart(CamelContext camelContext) {}

  @Override
  public void destroy() {
    factories.values().forEach(ActiveMQConnectionFactory::close);
  }
}
