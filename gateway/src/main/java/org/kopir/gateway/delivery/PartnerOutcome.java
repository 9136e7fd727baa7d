package org.kopir.gateway.delivery;

/**
 * What one forwarding attempt came to, after the partner's receipt was checked: {@code DELIVERED}
 * and {@code REFUSED} are verified receipts for this message; {@code FAILED} is anything else (no
 * answer, no receipt, a receipt that does not verify or names another message), with its reason.
 */
public record PartnerOutcome(Kind kind, String reason, String receiptId) {

  /** The forward route's choice reads {@code ${body.kind}}. */
  public enum Kind {
    DELIVERED,
    REFUSED,
    FAILED
  }

  static PartnerOutcome failed(String reason) {
    return new PartnerOutcome(Kind.FAILED, reason, null);
  }
}
