package org.kopir.gateway.deadletters;

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
    String signedMessage) {}
