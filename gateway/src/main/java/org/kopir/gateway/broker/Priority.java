package org.kopir.gateway.broker;

import java.util.Locale;

/**
 * Envelope priority (SPEC §2 {@code header.priority}). Each has its own outbound queue and retry
 * schedule, so a backlog of low-priority messages never delays an urgent referral's retries.
 */
public enum Priority {
  HIGH,
  NORMAL,
  LOW;

  /** The name as written in envelopes and queue names. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The priority named in an envelope; anything missing or unknown counts as normal. */
  public static Priority of(String wireName) {
    if (wireName == null) {
      return NORMAL;
    }
    for (Priority priority : values()) {
      if (priority.wireName().equals(wireName)) {
        return priority;
      }
    }
    return NORMAL;
  }

  /** JMS priority (0-9) so consumers of a shared queue still take urgent messages first. */
  public int jmsPriority() {
    return switch (this) {
      case HIGH -> 7;
      case NORMAL -> 4;
      case LOW -> 2;
    };
  }
}
