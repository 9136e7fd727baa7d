package org.kopir.gateway.broker;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Shapes the embedded broker: a TCP acceptor on the node's SPEC port, a persistent journal with
 * synchronous writes, and the redelivery policy of outbound queues (exponential backoff, then the
 * dead-letter address).
 */
@Component
public class EmbeddedBrokerCustomizer implements ArtemisConfigurationCustomizer {

  private final BrokerProperties properties;

  public EmbeddedBrokerCustomizer(BrokerProperties properties) {
    this.properties = properties;
  }

  @Override
  public void customize(Configuration configuration) {
    if (properties.getPort() > 0) {
      try {
        configuration.addAcceptorConfiguration(
            "tcp", "tcp://" + properties.getHost() + ":" + properties.getPort());
      } catch (Exception e) {
        throw new IllegalStateException("invalid broker acceptor address", e);
      }
    }
    configuration.setJournalSyncTransactional(true);
    configuration.setJournalSyncNonTransactional(true);
    configuration.setPersistIDCache(true);
    configuration.setIDCacheSize(100_000);
    configuration.setJMXManagementEnabled(false);
    configuration.setGracefulShutdownEnabled(true);
    configuration.addAddressSetting(Queues.OUTBOUND_PREFIX + "#", outboundSettings());
    configuration.addAddressSetting("kopir.outbound-receipts.#", outboundSettings());
    configuration.addQueueConfiguration(
        QueueConfiguration.of(Queues.OUTBOUND_DEAD_LETTER)
            .setAddress(Queues.OUTBOUND_DEAD_LETTER)
            .setRoutingType(RoutingType.ANYCAST)
            .setDurable(true));
  }

  private AddressSettings outboundSettings() {
    BrokerProperties.Redelivery redelivery = properties.getRedelivery();
    return new AddressSettings()
        .setRedeliveryDelay(redelivery.getInitialDelay().toMillis())
        .setRedeliveryMultiplier(redelivery.getMultiplier())
        .setMaxRedeliveryDelay(redelivery.getMaxDelay().toMillis())
        .setMaxDeliveryAttempts(redelivery.getMaxAttempts())
        .setDeadLetterAddress(SimpleString.of(Queues.OUTBOUND_DEAD_LETTER))
        .setAutoCreateDeadLetterResources(false);
  }
}
