package org.kopir.gateway.console.data;

import java.time.Instant;
import java.util.List;

/**
 * A validated console audit search. Every non-null member must match; {@code events}, when not
 * empty, is the set of event names allowed (the people's-reads view).
 */
public record AuditFilter(
    String messageId,
    String caseToken,
    String agency,
    String event,
    String outcome,
    String actor,
    Instant from,
    Instant to,
    Long fromSeq,
    Long toSeq,
    List<String> events) {

  public AuditFilter {
    events = events == null ? List.of() : List.copyOf(events);
  }
}
