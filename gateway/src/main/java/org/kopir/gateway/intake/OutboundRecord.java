package org.kopir.gateway.intake;

import java.time.Instant;

/** One row of the outbound ledger. */
public record OutboundRecord(
    String messageId,
    String contentDigest,
    String envelopeDigest,
    String messageType,
    String senderAgency,
    String recipientAgency,
    String caseToken,
    String priority,
    OutboundStatus status,
    String statusReason,
    int attempts,
    Instant createdAt,
    Instant updatedAt) {}
