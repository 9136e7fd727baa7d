package org.kopir.gateway.audit;

/** Outcome of an audited step, written in lower case. */
public enum AuditOutcome {
  OK,
  REFUSED,
  FAILED,
  WARNING;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
