package org.kopir.gateway.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.kopir.gateway.crypto.Canonicalizer;
import org.kopir.gateway.crypto.CmsSignatures;
import org.kopir.gateway.crypto.SigningCredential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Signs a checkpoint of the chain head every interval when records were added since the last one,
 * at start (covering records a previous run left unsigned) and at shutdown. It starts before and
 * stops after the components that record, so the final checkpoint covers their last records.
 */
public class AuditCheckpointer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AuditCheckpointer.class);

  private final JdbcAuditTrail trail;
  private final AuditStore store;
  private final Supplier<SigningCredential> credentialSource;
  private final Duration interval;
  private final Clock clock;
  private SigningCredential credential;
  private ScheduledExecutorService scheduler;
  private long lastCheckpointSeq = -1;
  private volatile boolean running;

  public AuditCheckpointer(
      JdbcAuditTrail trail,
      AuditStore store,
      Supplier<SigningCredential> credentialSource,
      Duration interval,
      Clock clock) {
    this.trail = trail;
    this.store = store;
    this.credentialSource = credentialSource;
    this.interval = interval;
    this.clock = clock;
  }

  /** Signs and stores a checkpoint of the chain head unless the head is already checkpointed. */
  public synchronized Optional<Checkpoint> checkpointIfNeeded() {
    if (credential == null) {
      credential = credentialSource.get();
    }
    if (lastCheckpointSeq < 0) {
      lastCheckpointSeq = store.lastCheckpoint().map(Checkpoint::seq).orElse(0L);
    }
    JdbcAuditTrail.ChainHead head = trail.head();
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
    lastCheckpointSeq = checkpoint.seq();
    return Optional.of(checkpoint);
  }

  private void tick() {
    try {
      checkpointIfNeeded();
    } catch (RuntimeException e) {
      // Keep the schedule alive: the next tick retries and the records stay chained meanwhile.
      log.error("audit checkpoint failed: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    // Fail at start rather than run a node whose audit cannot be signed.
    credential = credentialSource.get();
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable ->
                Thread.ofPlatform().name("audit-checkpoint").daemon(true).unstarted(runnable));
    long millis = interval.toMillis();
    scheduler.scheduleAtFixedRate(this::tick, 0, millis, TimeUnit.MILLISECONDS);
    running = true;
  }

  @Override
  public void stop() {
    ScheduledExecutorService stopping;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      stopping = scheduler;
      scheduler = null;
    }
    stopping.shutdown();
    try {
      stopping.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tick();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Early to start, late to stop: after everything that records has stopped. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 1000;
  }
}
