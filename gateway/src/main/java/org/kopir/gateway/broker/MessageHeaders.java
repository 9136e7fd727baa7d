package org.kopir.gateway.broker;

/**
 * JMS properties of the messages on the node's own queues: identifiers and routing facts only,
 * never content. Producers set them, consumers and the broker read them.
 */
public final class MessageHeaders {

  public static final String MESSAGE_ID = "kopirMessageId";
  public static final String MESSAGE_TYPE = "kopirMessageType";
  public static final String RECIPIENT_AGENCY = "kopirRecipientAgency";
  public static final String PRIORITY = "kopirPriority";

  /** The partner node a message or receipt goes to: its outbound queues are that partner's. */
  public static final String PARTNER = "kopirPartner";

  public static final String ENVELOPE_DIGEST = "kopirEnvelopeDigest";

  /** Artemis duplicate detection: a message with an id the broker has seen is dropped. */
  public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

  /**
   * A replayed message: when it was queued again (epoch millis). The retry budget counts from
   * there, not from the original submission.
   */
  public static final String QUEUED_AT = "kopirQueuedAt";

  /** Tells JMS-intake notifications ({@value #NOTIFICATION}) from delivered inbox items. */
  public static final String KIND = "kopirKind";

  public static final String NOTIFICATION = "notification";

  private MessageHeaders() {}

  /** The property {@code name} of a message's headers as text, or null. */
  public static String text(java.util.Map<String, Object> headers, String name) {
    Object value = headers.get(name);
    return value == null ? null : value.toString();
  }
}
