package org.kopir.gateway.delivery;

import java.util.Map;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.broker.MessageHeaders;
import org.kopir.gateway.deadletters.ParkedMessage;

/**
 * One forwarding attempt of an outbound message, as the forward route took it off its queue: the
 * identifiers and routing facts of its JMS properties and the signed border form. Held in exchange
 * property {@value #PROPERTY} while the route runs.
 */
public record Attempt(
    String messageId,
    String messageType,
    String recipientAgency,
    String priority,
    String envelopeDigest,
    Long queuedAt,
    boolean redelivered,
    String signedMessage) {

  public static final String PROPERTY = "kopirAttempt";

  static Attempt of(String signedMessage, Map<String, Object> headers) {
    return new Attempt(
        text(headers, MessageHeaders.MESSAGE_ID),
        text(headers, MessageHeaders.MESSAGE_TYPE),
        text(headers, MessageHeaders.RECIPIENT_AGENCY),
        text(headers, MessageHeaders.PRIORITY),
        text(headers, MessageHeaders.ENVELOPE_DIGEST),
        headers.get(MessageHeaders.QUEUED_AT) instanceof Number n ? n.longValue() : null,
        Boolean.TRUE.equals(headers.get("JMSRedelivered")),
        signedMessage);
  }

  /** The message as a dead letter is parked: same signed bytes, same routing facts. */
  ParkedMessage parked() {
    return new ParkedMessage(
        messageId, messageType, recipientAgency, priority, envelopeDigest, signedMessage);
  }

  AuditEntry.Builder entry(AuditEvent event) {
    return AuditEntry.of(event).messageId(messageId).messageType(messageType).actor("node");
  }

  private static String text(Map<String, Object> headers, String name) {
    Object value = headers.get(name);
    return value == null ? null : value.toString();
  }
}
