package org.kopir.gateway.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The node's tamper-evident audit trail. {@link #record} returns once the record is durable, so a
 * caller that answers a client after recording can promise the record survives a crash.
 */
public interface AuditTrail {

  /** Appends one record and waits until it is durable. */
  void record(AuditEntry entry);

  /**
   * Appends a step's records in order and waits until all are durable. The database trail writes
   * them in one transaction, consecutively, and waits once.
   */
  default void recordAll(List<AuditEntry> entries) {
    entries.forEach(this::record);
  }

  /**
   * A step's own change to the node's database and the records it makes, together: {@code step}
   * writes its change, adds its records to the list it is given and returns its result, which is
   * returned here once the records are durable. The database trail runs the step inside the
   * transaction that appends its records (docs/audit.md), so the change and the records commit
   * together, in one commit shared with other steps' records; a step that throws leaves neither.
   * The step must write through the node's DataSource with Spring's JDBC support and must not
   * record to the trail itself.
   */
  default <T> T recordWith(Function<List<AuditEntry>, T> step) {
    List<AuditEntry> entries = new ArrayList<>();
    T result = step.apply(entries);
    recordAll(entries);
    return result;
  }
}
