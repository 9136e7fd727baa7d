package org.kopir.gateway.deadletters;

import java.time.Instant;

/**
 * One row of the operators' view of dead-lettered receipts: a signed receipt for the partner
 * (RETRIEVED) whose attempts the broker exhausted. Identifiers and codes only, never the receipt.
 */
public record DeadReceipt(
    String messageId,
    String receiptId,
    String outcome,
    String reason,
    String lastFailure,
    int attempts,
    Instant deadLetteredAt) {}
