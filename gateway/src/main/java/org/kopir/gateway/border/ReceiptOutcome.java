package org.kopir.gateway.border;

/** Outcome of a receipt (SPEC §5). Published names: never rename. */
public enum ReceiptOutcome {
  DELIVERED,
  REFUSED,
  RETRIEVED
}
