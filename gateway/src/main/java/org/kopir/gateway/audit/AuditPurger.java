package org.kopir.gateway.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Retention: removes the records up to the newest checkpoint signed longer ago than the retention
 * period. Checkpoints are kept, so the remaining chain stays verifiable from that checkpoint (the
 * verifier anchors a chain starting at seq n+1 on the signed checkpoint at seq n). Each purge is
 * itself recorded as {@code audit.purged}.
 */
public class AuditPurger {

  private final AuditStore store;
  private final AuditTrail trail;
  private final Period retention;
  private final Clock clock;

  public AuditPurger(AuditStore store, AuditTrail trail, Period retention, Clock clock) {
    this.store = store;
    this.trail = trail;
    this.retention = retention;
    this.clock = clock;
  }

  /** What a purge removed: records {@code 1..throughSeq} that were still stored. */
  public record PurgeResult(long throughSeq, long removed) {}

  /** Purges what retention allows; empty when nothing is old enough. */
  public Optional<PurgeResult> purgeExpired(String actor) {
    Instant cutoff = clock.instant().atZone(ZoneOffset.UTC).minus(retention).toInstant();
    Optional<Long> through = store.lastCheckpointSeqSignedBefore(cutoff);
    long firstStored = store.firstRecord().map(AuditRecord::seq).orElse(Long.MAX_VALUE);
    if (through.isEmpty() || through.get() < firstStored) {
      return Optional.empty();
    }
    long removed = store.purgeThrough(through.get());
    PurgeResult result = new PurgeResult(through.get(), removed);
    trail.record(
        AuditEntry.of(AuditEvent.AUDIT_PURGED)
            .actor(actor)
            .detail("throughSeq", result.throughSeq())
            .detail("removed", result.removed())
            .detail("retention", retention.toString())
            .build());
    return Optional.of(result);
  }
}
