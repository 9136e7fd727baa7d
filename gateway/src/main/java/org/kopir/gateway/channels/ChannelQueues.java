package org.kopir.gateway.channels;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.kopir.gateway.broker.BrokerProperties;
import org.kopir.gateway.broker.QueueNames;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * The agency queues of the embedded broker: every local agency's inbox and outbox exist from the
 * start (agencies get no right to create queues), a push that keeps failing is redelivered with
 * backoff and then parked on {@code kopir.queues.push-dead-letter}, and an outbox message the node
 * cannot process for an unexpected reason ends on {@code kopir.queues.outbox-dead-letter} instead
 * of looping.
 */
@Component
public class ChannelQueues implements ArtemisConfigurationCustomizer {

  private static final int OUTBOX_MAX_ATTEMPTS = 10;

  private final NodeProperties node;
  private final ChannelsProperties channels;
  private final QueueNames queues;

  public ChannelQueues(NodeProperties node, ChannelsProperties channels, QueueNames queues) {
    this.node = node;
    this.channels = channels;
    this.queues = queues;
  }

  @Override
  public void customize(Configuration configuration) {
    for (String agency : node.getAgencies().keySet()) {
      configuration.addQueueConfiguration(queue(queues.agencyInbox(agency)));
      configuration.addQueueConfiguration(queue(queues.agencyOutbox(agency)));
    }
    configuration.addQueueConfiguration(queue(queues.getPushDeadLetter()));
    configuration.addQueueConfiguration(queue(queues.getOutboxDeadLetter()));
    configuration.addAddressSetting(queues.agencyInbox("*"), inboxSettings());
    configuration.addAddressSetting(
        queues.agencyOutbox("*"),
        new AddressSettings()
            .setRedeliveryDelay(1_000)
            .setRedeliveryMultiplier(2.0)
            .setMaxRedeliveryDelay(60_000)
            .setMaxDeliveryAttempts(OUTBOX_MAX_ATTEMPTS)
            .setDeadLetterAddress(SimpleString.of(queues.getOutboxDeadLetter()))
            .setAutoCreateDeadLetterResources(false));
  }

  private AddressSettings inboxSettings() {
    BrokerProperties.Redelivery retry = channels.getPushRetry();
    return new AddressSettings()
        .setRedeliveryDelay(retry.getInitialDelay().toMillis())
        .setRedeliveryMultiplier(retry.getMultiplier())
        .setMaxRedeliveryDelay(retry.getMaxDelay().toMillis())
        .setMaxDeliveryAttempts(retry.getMaxAttempts())
        .setDeadLetterAddress(SimpleString.of(queues.getPushDeadLetter()))
        .setAutoCreateDeadLetterResources(false);
  }

  private static QueueConfiguration queue(String name) {
    return QueueConfiguration.of(name)
        .setAddress(name)
        .setRoutingType(RoutingType.ANYCAST)
        .setDurable(true);
  }
}
