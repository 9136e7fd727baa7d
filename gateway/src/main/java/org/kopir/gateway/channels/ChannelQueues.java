package org.kopir.gateway.channels;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.kopir.gateway.broker.BrokerProperties;
import org.kopir.gateway.broker.Queues;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * The agency queues of the embedded broker: every local agency's inbox and outbox exist from the
 * start (agencies get no right to create queues), a push that keeps failing is redelivered with
 * backoff and then parked on {@link #PUSH_DEAD_LETTER}, and an outbox message the node cannot
 * process for an unexpected reason ends on {@link #OUTBOX_DEAD_LETTER} instead of looping.
 */
@Component
public class ChannelQueues implements ArtemisConfigurationCustomizer {

  /** Inbox items whose push never succeeded. */
  public static final String PUSH_DEAD_LETTER = "kopir.dead-letter.push";

  /** Outbox messages whose processing failed (not refusals: those are answered and consumed). */
  public static final String OUTBOX_DEAD_LETTER = "kopir.dead-letter.agency-outbox";

  private static final int OUTBOX_MAX_ATTEMPTS = 10;

  private final NodeProperties node;
  private final ChannelsProperties channels;

  public ChannelQueues(NodeProperties node, ChannelsProperties channels) {
    this.node = node;
    this.channels = channels;
  }

  @Override
  public void customize(Configuration configuration) {
    for (String agency : node.getAgencies().keySet()) {
      configuration.addQueueConfiguration(queue(Queues.agencyInbox(agency)));
      configuration.addQueueConfiguration(queue(Queues.agencyOutbox(agency)));
    }
    configuration.addQueueConfiguration(queue(PUSH_DEAD_LETTER));
    configuration.addQueueConfiguration(queue(OUTBOX_DEAD_LETTER));
    configuration.addAddressSetting(Queues.agencyInbox("*"), inboxSettings());
    configuration.addAddressSetting(
        Queues.agencyOutbox("*"),
        new AddressSettings()
            .setRedeliveryDelay(1_000)
            .setRedeliveryMultiplier(2.0)
            .setMaxRedeliveryDelay(60_000)
            .setMaxDeliveryAttempts(OUTBOX_MAX_ATTEMPTS)
            .setDeadLetterAddress(SimpleString.of(OUTBOX_DEAD_LETTER))
            .setAutoCreateDeadLetterResources(false));
  }

  private AddressSettings inboxSettings() {
    BrokerProperties.Redelivery retry = channels.getPushRetry();
    return new AddressSettings()
        .setRedeliveryDelay(retry.getInitialDelay().toMillis())
        .setRedeliveryMultiplier(retry.getMultiplier())
        .setMaxRedeliveryDelay(retry.getMaxDelay().toMillis())
        .setMaxDeliveryAttempts(retry.getMaxAttempts())
        .setDeadLetterAddress(SimpleString.of(PUSH_DEAD_LETTER))
        .setAutoCreateDeadLetterResources(false);
  }

  private static QueueConfiguration queue(String name) {
    return QueueConfiguration.of(name)
        .setAddress(name)
        .setRoutingType(RoutingType.ANYCAST)
        .setDurable(true);
  }
}
