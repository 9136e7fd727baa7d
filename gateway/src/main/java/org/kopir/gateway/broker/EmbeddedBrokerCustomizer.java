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
 * synchronous writes, and the redelivery policy of outbound queues (exponential backoff with jitter
 * per priority, then the dead-letter address).
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
    // One word per partner node: the patterns never overlap, so no precedence rule is involved.
    for (Priority priority : Priority.values()) {
      configuration.addAddressSetting(
          Queues.OUTBOUND_PREFIX + "*." + priority.wireName(),
          outboundSettings(properties.getRetry().of(priority)));
    }
    configuration.addAddressSetting(
        Queues.OUTBOUND_PREFIX + "*", outboundSettings(properties.getRetry().getNormal()));
    configuration.addAddressSetting("kopir.outbound-receipts.#", receiptSettings());
    for (String deadLetters :
        new String[] {Queues.OUTBOUND_DEAD_LETTER, Queues.RECEIPTS_DEAD_LETTER}) {
      configuration.addQueueConfiguration(
          QueueConfiguration.of(deadLetters)
              .setAddress(deadLetters)
              .setRoutingType(RoutingType.ANYCAST)
              .setDurable(true));
    }
  }

  /** Address settings of one priority's outbound queues, derived from its retry schedule. */
  public static AddressSettings outboundSettings(RetryPolicy retry) {
    return new AddressSettings()
        .setRedeliveryDelay(retry.getInitialDelay().toMillis())
        .setRedeliveryMultiplier(retry.getMultiplier())
        .setRedeliveryCollisionAvoidanceFactor(retry.getJitter())
        .setMaxRedeliveryDelay(retry.getMaxDelay().toMillis())
        .setMaxDeliveryAttempts(retry.brokerMaxAttempts())
        .setDeadLetterAddress(SimpleString.of(Queues.OUTBOUND_DEAD_LETTER))
        .setAutoCreateDeadLetterResources(false);
  }

  private AddressSettings receiptSettings() {
    BrokerProperties.Redelivery redelivery = properties.getRedelivery();
    return new AddressSettings()
        .setRedeliveryDelay(redelivery.getInitialDelay().toMillis())
        .setRedeliveryMultiplier(redelivery.getMultiplier())
        .setMaxRedeliveryDelay(redelivery.getMaxDelay().toMillis())
        .setMaxDeliveryAttempts(redelivery.getMaxAttempts())
        .setDeadLetterAddress(SimpleString.of(Queues.RECEIPTS_DEAD_LETTER))
        .setAutoCreateDeadLetterResources(false);
  }
}
