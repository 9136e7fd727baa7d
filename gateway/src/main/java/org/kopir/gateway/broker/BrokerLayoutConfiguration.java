package org.kopir.gateway.broker;

import org.kopir.gateway.node.NodeProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node's {@link BrokerLayout}, from its agencies, partners, queue names and retry schedules.
 */
@Configuration(proxyBeanMethods = false)
public class BrokerLayoutConfiguration {

  @Bean
  BrokerLayout brokerLayout(NodeProperties node, QueueNames queues, BrokerProperties broker) {
    return new BrokerLayout(
        node.getNode(),
        node.getAgencies().keySet(),
        node.activePartners().keySet(),
        queues,
        broker);
  }
}
