package org.kopir.gateway.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Message counters exported at {@code /actuator/prometheus}. Tags carry message types, codes and
 * agencies only, never content.
 */
@Component
public class MessageMetrics {

  private final MeterRegistry registry;

  public MessageMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void accepted(String messageType) {
    counter("kopir.messages.accepted", "type", messageType).increment();
  }

  public void refused(String channel, String code) {
    Counter.builder("kopir.messages.refused")
        .tag("channel", channel)
        .tag("code", code)
        .register(registry)
        .increment();
  }

  /** A message the partner {@code partner} confirmed DELIVERED. */
  public void forwarded(String messageType, String partner) {
    Counter.builder("kopir.messages.forwarded")
        .tag("type", orUnknown(messageType))
        .tag("partner", orUnknown(partner))
        .register(registry)
        .increment();
  }

  /** A failed or refused attempt at partner {@code partner}. */
  public void deliveryFailed(String reason, String partner) {
    Counter.builder("kopir.delivery.failures")
        .tag("reason", orUnknown(reason))
        .tag("partner", orUnknown(partner))
        .register(registry)
        .increment();
  }

  private static String orUnknown(String value) {
    return value == null ? "unknown" : value;
  }

  public void inboxEnqueued(String messageType) {
    counter("kopir.inbox.enqueued", "type", messageType).increment();
  }

  private Counter counter(String name, String tag, String value) {
    return Counter.builder(name).tag(tag, value == null ? "unknown" : value).register(registry);
  }
}
