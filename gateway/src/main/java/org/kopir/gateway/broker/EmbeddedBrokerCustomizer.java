package org.kopir.gateway.broker;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Shapes the embedded broker: a TCP acceptor on the node's broker port (SPEC §1), a persistent
 * journal with synchronous writes, and the redelivery policy of outbound queues (exponential
 * backoff with jitter per priority, then the dead-letter address).
 */
@Component
public class EmbeddedBrokerCustomizer implements ArtemisConfigurationCustomizer {

  private final BrokerProperties properties;
  private final QueueNames queues;

  public EmbeddedBrokerCustomizer(BrokerProperties properties, QueueNames queues) {
    this.properties = properties;
    this.queues = queues;
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
    configuration.setGracefulShutdownTimeout(properties.getGracefulShutdownTimeout().toMillis());
    // Exact addresses, no wildcards: no precedence rule is involved.
    for (Priority priority : Priority.values()) {
      configuration.addAddressSetting(
          queues.outbound(priority),
          outboundSettings(properties.getRetry().of(priority), queues.getOutboundDeadLetter()));
    }
    configuration.addAddressSetting(
        queues.getOutbound(),
        outboundSettings(properties.getRetry().getNormal(), queues.getOutboundDeadLetter()));
    configuration.addAddressSetting(queues.getReceipts(), receiptSettings());
    for (String deadLetters :
        new String[] {queues.getOutboundDeadLetter(), queues.getReceiptsDeadLetter()}) {
      configuration.addQueueConfiguration(
          QueueConfiguration.of(deadLetters)
              .setAddress(deadLetters)
              .setRoutingType(RoutingType.ANYCAST)
              .setDurable(true));
    }
  }

  /** Address settings of one priority's outbound queues, derived from its retry schedule. */
  public static AddressSettings outboundSettings(RetryPolicy retry, String deadLetterAddress) {
    return new AddressSettings()
        .setRedeliveryDelay(retry.getInitialDelay().toMillis())
        .setRedeliveryMultiplier(retry.getMultiplier())
        .setRedeliveryCollisionAvoidanceFactor(retry.getJitter())
        .setMaxRedeliveryDelay(retry.getMaxDelay().toMillis())
        .setMaxDeliveryAttempts(retry.brokerMaxAttempts())
        .setDeadLetterAddress(SimpleString.of(deadLetterAddress))
        .setAutoCreateDeadLetterResources(false);
  }

  private AddressSettings receiptSettings() {
    BrokerProperties.Redelivery redelivery = properties.getRedelivery();
    return new AddressSettings()
        .setRedeliveryDelay(redelivery.getInitialDelay().toMillis())
        .setRedeliveryMultiplier(redelivery.getMultiplier())
        .setMaxRedeliveryDelay(redelivery.getMaxDelay().toMillis())
        .setMaxDeliveryAttempts(redelivery.getMaxAttempts())
        .setDeadLetterAddress(SimpleString.of(queues.getReceiptsDeadLetter()))
        .setAutoCreateDeadLetterResources(false);
  }
}
