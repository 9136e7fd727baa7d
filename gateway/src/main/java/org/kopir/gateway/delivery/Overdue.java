package org.kopir.gateway.delivery;

import java.time.Instant;

/**
 * A message the overdue watch reports: {@code kind} {@code delivery} (no receipt from the partner
 * yet) or {@code response} (a referral.request without a correlated referral.response).
 */
public record Overdue(
    String messageId,
    String messageType,
    String recipientAgency,
    String kind,
    String status,
    Instant submittedAt,
    Instant dueAt,
    Instant warnedAt) {

  public static final String DELIVERY = "delivery";
  public static final String RESPONSE = "response";
}
