package org.kopir.gateway.audit;

import java.time.Instant;

/**
 * The last durable record of the chain: what the next record chains onto and what a checkpoint may
 * sign. Kept in the one row of {@code audit_chain_head}, moved in the transaction that appends.
 *
 * @param seq the record's sequence number, 0 before the first record
 * @param hash the record's hash, {@link AuditRecord#GENESIS_HASH} before the first record
 * @param time the record's time; no later record has an earlier one
 */
public record ChainHead(long seq, String hash, Instant time) {

  static final ChainHead GENESIS = new ChainHead(0, AuditRecord.GENESIS_HASH, Instant.EPOCH);
}
