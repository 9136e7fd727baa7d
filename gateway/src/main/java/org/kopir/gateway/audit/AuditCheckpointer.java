package org.kopir.gateway.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import org.kopir.gateway.crypto.Canonicalizer;
import org.kopir.gateway.crypto.CmsSignatures;
import org.kopir.gateway.crypto.SigningCredential;
import org.kopir.gateway.leadership.LeaderJob;
import org.kopir.gateway.leadership.Leadership;

/**
 * Signs a checkpoint of the chain head every interval when records were added since the last one,
 * on the leading replica: when it is granted leadership (covering records a previous leader or run
 * left unsigned), every interval, and at shutdown. It starts before and stops after the components
 * that record, so the final checkpoint covers their last records.
 */
public class AuditCheckpointer extends LeaderJob {

  private final JdbcAuditTrail trail;
  private final AuditStore store;
  private final Supplier<SigningCredential> credentialSource;
  private final Clock clock;
  private SigningCredential credential;

  public AuditCheckpointer(
      JdbcAuditTrail trail,
      AuditStore store,
      Supplier<SigningCredential> credentialSource,
      Duration interval,
      Clock clock,
      Leadership leadership) {
    super("audit-checkpoint", interval, leadership);
    this.trail = trail;
    this.store = store;
    this.credentialSource = credentialSource;
    this.clock = clock;
  }

  /**
   * Signs and stores a checkpoint of the chain head unless the head is already checkpointed. Two
   * replicas cannot both sign one head: the checkpoint's seq is the table's key.
   */
  public synchronized Optional<Checkpoint> checkpointIfNeeded() {
    if (credential == null) {
      credential = credentialSource.get();
    }
    long lastCheckpointSeq = store.lastCheckpoint().map(Checkpoint::seq).orElse(0L);
    ChainHead head = trail.head();
    if (head.seq() <= lastCheckpointSeq) {
      return Optional.empty();
    }
    Checkpoint unsigned =
        new Checkpoint(trail.node(), head.seq(), head.hash(), clock.instant(), null);
    byte[] signature =
        CmsSignatures.signDetached(Canonicalizer.canonicalBytes(unsigned.body()), credential);
    Checkpoint checkpoint =
        new Checkpoint(
            unsigned.node(),
            unsigned.seq(),
            unsigned.hash(),
            unsigned.time(),
            Base64.getEncoder().encodeToString(signature));
    store.insertCheckpoint(checkpoint);
    return Optional.of(checkpoint);
  }

  @Override
  protected void pass() {
    checkpointIfNeeded();
  }

  /** Fail at start rather than run a node whose audit cannot be signed. */
  @Override
  protected synchronized void beforeStart() {
    credential = credentialSource.get();
  }

  /** Covers at once what a previous leader, or a previous run, left unsigned. */
  @Override
  protected boolean passWhenGranted() {
    return true;
  }

  @Override
  protected boolean passAtStop() {
    return true;
  }

  /** Early to start, late to stop: after everything that records has stopped. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 1000;
  }
}
