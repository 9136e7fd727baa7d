package org.kopir.gateway.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail over JDBC with group commit. One writer thread is the only sequencer: it drains
 * the pending appends, gives them consecutive {@code seq} numbers and chained hashes, writes them
 * in one transaction and, once committed, releases every caller of the batch. Callers therefore
 * wait for one commit, however many of them arrive together. On start the chain resumes from the
 * last stored record.
 */
public class JdbcAuditTrail implements AuditTrail, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JdbcAuditTrail.class);

  private final AuditStore store;
  private final String node;
  private final int batchSize;
  private final Clock clock;
  private final BlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
  private final ReadWriteLock closing = new ReentrantReadWriteLock();
  private final AtomicLong batchesCommitted = new AtomicLong();
  private final Thread writer;
  private volatile boolean open = true;
  private volatile ChainHead head;
  private Instant lastTime = Instant.EPOCH;

  public JdbcAuditTrail(AuditStore store, String node, int batchSize, Clock clock) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("audit batch size must be at least 1");
    }
    this.store = Objects.requireNonNull(store);
    this.node = Objects.requireNonNull(node);
    this.batchSize = batchSize;
    this.clock = clock;
    this.head = loadHead();
    this.lastTime = head.time();
    this.writer = Thread.ofPlatform().name("audit-writer").daemon(false).start(this::drainQueue);
  }

  /** The last durable record: the point a checkpoint may sign. */
  public record ChainHead(long seq, String hash, Instant time) {
    static final ChainHead GENESIS = new ChainHead(0, AuditRecord.GENESIS_HASH, Instant.EPOCH);
  }

  @Override
  public void record(AuditEntry entry) {
    append(entry);
  }

  /** Appends one record and returns it once durable. */
  public AuditRecord append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(entry.event(), "entry.event");
    PendingAppend pending = new PendingAppend(entry, new CompletableFuture<>());
    closing.readLock().lock();
    try {
      if (!open) {
        throw new AuditWriteException("audit trail is closed");
      }
      queue.add(pending);
    } finally {
      closing.readLock().unlock();
    }
    return awaitDurable(pending.done());
  }

  private static AuditRecord awaitDurable(CompletableFuture<AuditRecord> done) {
    // The record may be committed whatever happens to this thread, so an interrupt does not
    // abandon the wait; it is restored afterwards.
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return done.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof AuditWriteException failure) {
            throw failure;
          }
          throw new AuditWriteException("audit record could not be written", e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public ChainHead head() {
    return head;
  }

  public String node() {
    return node;
  }

  /** How many transactions the writer has committed: fewer than records when appends group. */
  public long batchesCommitted() {
    return batchesCommitted.get();
  }

  /** Stops accepting appends, writes what is pending and stops the writer. */
  @Override
  public void close() {
    closing.writeLock().lock();
    try {
      if (!open) {
        return;
      }
      open = false;
      queue.add(PendingAppend.STOP);
    } finally {
      closing.writeLock().unlock();
    }
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drainQueue() {
    List<PendingAppend> batch = new ArrayList<>(batchSize);
    boolean stopping = false;
    while (!stopping) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        // Only close() ends the writer; pending callers must always be answered.
        continue;
      }
      queue.drainTo(batch, batchSize - 1);
      stopping = batch.removeIf(pending -> pending == PendingAppend.STOP);
      if (!batch.isEmpty()) {
        writeBatch(batch);
      }
      batch.clear();
    }
  }

  private void writeBatch(List<PendingAppend> batch) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    // Times never go backwards along the chain, even if the wall clock does.
    Instant time = now.isBefore(lastTime) ? lastTime : now;
    List<AuditRecord> records = new ArrayList<>(batch.size());
    List<PendingAppend> written = new ArrayList<>(batch.size());
    long seq = head.seq();
    String prevHash = head.hash();
    for (PendingAppend pending : batch) {
      AuditRecord record;
      try {
        record = AuditRecord.chain(seq + 1, time, node, pending.entry(), prevHash);
      } catch (RuntimeException e) {
        pending.done().completeExceptionally(new AuditWriteException("audit entry is invalid", e));
        continue;
      }
      records.add(record);
      written.add(pending);
      seq = record.seq();
      prevHash = record.hash();
    }
    if (records.isEmpty()) {
      return;
    }
    try {
      store.insert(records);
    } catch (RuntimeException e) {
      log.error("audit batch of {} records failed; resuming from the stored chain", records.size());
      AuditWriteException failure =
          e instanceof AuditWriteException known
              ? known
              : new AuditWriteException("audit batch could not be committed", e);
      written.forEach(pending -> pending.done().completeExceptionally(failure));
      reloadHeadAfterFailure();
      return;
    }
    head = new ChainHead(seq, prevHash, time);
    lastTime = time;
    batchesCommitted.incrementAndGet();
    for (int i = 0; i < written.size(); i++) {
      written.get(i).done().complete(records.get(i));
    }
  }

  private void reloadHeadAfterFailure() {
    // A failed commit may still have reached the database; the stored chain is the truth.
    try {
      head = loadHead();
    } catch (RuntimeException e) {
      log.error("audit chain head could not be reloaded; keeping the previous head");
    }
  }

  private ChainHead loadHead() {
    return store
        .lastRecord()
        .map(last -> new ChainHead(last.seq(), last.hash(), last.time()))
        .orElse(ChainHead.GENESIS);
  }

  private record PendingAppend(AuditEntry entry, CompletableFuture<AuditRecord> done) {
    static final PendingAppend STOP = new PendingAppend(null, null);
  }
}
