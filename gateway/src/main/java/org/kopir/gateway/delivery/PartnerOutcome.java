package org.kopir.gateway.delivery;

import java.util.List;
import org.kopir.gateway.audit.AuditEntry;

/**
 * What one forwarding attempt came to, after the partner's receipt was checked: {@code DELIVERED}
 * and {@code REFUSED} are verified receipts for this message; {@code FAILED} is anything else (no
 * answer, no receipt, a receipt that does not verify or names another message), with its reason. A
 * verified receipt for this message carries its {@code receipt.received} record, which the step
 * that settles the attempt commits together with its own record and status.
 */
public record PartnerOutcome(
    Kind kind, String reason, String receiptId, AuditEntry receiptReceived) {

  /** The forward route's choice reads {@code ${body.kind}}. */
  public enum Kind {
    DELIVERED,
    REFUSED,
    FAILED
  }

  static PartnerOutcome failed(String reason) {
    return new PartnerOutcome(Kind.FAILED, reason, null, null);
  }

  /** The records of the receipt itself, to go before the settling step's own: none or one. */
  List<AuditEntry> receiptRecords() {
    return receiptReceived == null ? List.of() : List.of(receiptReceived);
  }
}
