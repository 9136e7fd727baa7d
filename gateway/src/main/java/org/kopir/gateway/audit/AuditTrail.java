package org.kopir.gateway.audit;

import java.util.List;

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
}
