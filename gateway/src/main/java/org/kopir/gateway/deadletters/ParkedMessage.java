package org.kopir.gateway.deadletters;

import org.kopir.gateway.broker.MessageHeaders;

/**
 * An outbound message as it travels on the outbound queue: the signed border form and the routing
 * facts of its JMS properties. Parking and replaying keep exactly these bytes.
 */
public record ParkedMessage(
    String messageId,
    String messageType,
    String recipientAgency,
    String priority,
    String envelopeDigest,
    String signedMessage) {

  /** The outbound message carried by a JMS message: its body and the properties set at intake. */
  public static ParkedMessage of(String signedMessage, java.util.Map<String, Object> headers) {
    return new ParkedMessage(
        MessageHeaders.text(headers, MessageHeaders.MESSAGE_ID),
        MessageHeaders.text(headers, MessageHeaders.MESSAGE_TYPE),
        MessageHeaders.text(headers, MessageHeaders.RECIPIENT_AGENCY),
        MessageHeaders.text(headers, MessageHeaders.PRIORITY),
        MessageHeaders.text(headers, MessageHeaders.ENVELOPE_DIGEST),
        signedMessage);
  }
}
