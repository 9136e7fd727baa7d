package org.kopir.gateway.broker;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Shapes the embedded broker: a TCP acceptor on the node's broker port (SPEC §1), a persistent
 * journal with synchronous writes (Linux's asynchronous I/O where the platform has it), and every
 * queue of the node's {@link BrokerLayout} with its redelivery settings (exponential backoff with
 * jitter per priority, then the dead-letter address). A standalone broker gets the same layout from
 * {@code broker-config}.
 */
@Component
public class EmbeddedBrokerCustomizer implements ArtemisConfigurationCustomizer {

  private final BrokerProperties properties;
  private final BrokerLayout layout;

  public EmbeddedBrokerCustomizer(BrokerProperties properties, BrokerLayout layout) {
    this.properties = properties;
    this.layout = layout;
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
    // Spring Boot's embedded broker uses NIO; the standalone broker's journal is ASYNCIO.
    configuration.setJournalType(properties.getJournalType());
    configuration.setJournalMaxIO_AIO(properties.getJournalMaxIo());
    configuration.setJournalCompactMinFiles(properties.getJournalCompactMinFiles());
    configuration.setJournalCompactPercentage(properties.getJournalCompactPercentage());
    configuration.setJournalSyncTransactional(true);
    configuration.setJournalSyncNonTransactional(true);
    configuration.setPersistIDCache(true);
    configuration.setIDCacheSize(BrokerLayout.ID_CACHE_SIZE);
    configuration.setJMXManagementEnabled(false);
    configuration.setGracefulShutdownEnabled(true);
    configuration.setGracefulShutdownTimeout(properties.getGracefulShutdownTimeout().toMillis());
    // Exact addresses, no wildcards: no precedence rule is involved.
    for (BrokerLayout.Queue queue : layout.queues()) {
      configuration.addAddressSetting(queue.name(), queue.settings());
      configuration.addQueueConfiguration(
          QueueConfiguration.of(queue.name())
              .setAddress(queue.name())
              .setRoutingType(RoutingType.ANYCAST)
              .setDurable(true));
    }
  }
}
