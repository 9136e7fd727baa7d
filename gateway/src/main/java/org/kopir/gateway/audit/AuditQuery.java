package org.kopir.gateway.audit;

import java.time.Instant;

/**
 * Auditor search filters; every non-null filter must match. {@code agency} matches records whose
 * actor is {@code agency:<id>} and every record of a message such a record belongs to.
 */
public record AuditQuery(
    String messageId, String caseToken, String agency, String event, Instant from, Instant to) {

  public static AuditQuery all() {
    return new AuditQuery(null, null, null, null, null, null);
  }
}
