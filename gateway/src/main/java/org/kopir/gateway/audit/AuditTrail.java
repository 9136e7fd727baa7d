package org.kopir.gateway.audit;

/**
 * The node's tamper-evident audit trail. {@link #record} returns once the record is durable, so a
 * caller that answers a client after recording can promise the record survives a crash.
 */
public interface AuditTrail {

  /** Appends one record and waits until it is durable. */
  void record(AuditEntry entry);
}
