package org.kopir.gateway.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.SavepointManager;

/**
 * The audit trail over JDBC with group commit. One writer thread per replica drains the pending
 * appends and writes them as one batch: in one transaction it locks the chain head in the database,
 * gives the records consecutive {@code seq} numbers and hashes chained onto it, inserts them and
 * moves the head ({@link AuditStore#append}). Once committed, every caller of the batch is
 * released, so callers wait for one commit however many arrive together; and replicas sharing the
 * database append one gap-free chain, because each batch waits for the head's lock. A step given to
 * {@link #recordWith} runs in the same transaction, so its own change to the node's database
 * commits with its records and with the rest of the batch.
 *
 * <p>With a commit delay, a writer whose last batch held more than one append (other steps are
 * recording at the same time) waits up to that long for more before it writes the next one, as
 * PostgreSQL's {@code commit_delay} does: fewer, larger commits while the node is busy, no wait
 * when appends come one at a time.
 */
public class JdbcAuditTrail implements AuditTrail, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JdbcAuditTrail.class);

  private final AuditStore store;
  private final String node;
  private final int batchSize;
  private final long commitDelayNanos;
  private final Clock clock;
  private final BlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
  private final ReadWriteLock closing = new ReentrantReadWriteLock();
  private final AtomicLong batchesCommitted = new AtomicLong();
  private final AtomicLong appendsCommitted = new AtomicLong();
  private final Thread writer;
  private volatile boolean open = true;
  private volatile boolean awaitingMore;

  public JdbcAuditTrail(AuditStore store, String node, int batchSize, Clock clock) {
    this(store, node, batchSize, Duration.ZERO, clock);
  }

  /**
   * @param commitDelay how long a busy writer waits for more appends before it writes a batch; zero
   *     writes every batch at once
   */
  public JdbcAuditTrail(
      AuditStore store, String node, int batchSize, Duration commitDelay, Clock clock) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("audit batch size must be at least 1");
    }
    if (commitDelay.isNegative()) {
      throw new IllegalArgumentException("audit commit delay must not be negative");
    }
    this.store = Objects.requireNonNull(store);
    this.node = Objects.requireNonNull(node);
    this.batchSize = batchSize;
    this.commitDelayNanos = commitDelay.toNanos();
    this.clock = clock;
    this.writer = Thread.ofPlatform().name("audit-writer").daemon(false).start(this::drainQueue);
  }

  @Override
  public void record(AuditEntry entry) {
    append(entry);
  }

  /** Appends one record and returns it once durable. */
  public AuditRecord append(AuditEntry entry) {
    return appendAll(List.of(entry)).getFirst();
  }

  @Override
  public void recordAll(List<AuditEntry> entries) {
    appendAll(entries);
  }

  /**
   * Runs {@code step} on the writer, inside the transaction of the batch it joins, and appends the
   * records it added: its change and its records commit together or not at all. A step that throws
   * is undone alone (to a savepoint) and its exception is thrown here; the rest of the batch goes
   * on. The step must write through the node's DataSource with Spring's JDBC support, must not
   * record to this trail itself, and should be short: the batch waits for it.
   */
  @Override
  public <T> T recordWith(Function<List<AuditEntry>, T> step) {
    Objects.requireNonNull(step, "step");
    return this.<T>enqueue(new PendingAppend(step, true, new CompletableFuture<>())).value();
  }

  /**
   * Appends a step's records in order, consecutive in the chain and in one transaction, and returns
   * them once durable: one wait for the step instead of one per record. If one of them is invalid,
   * none is written.
   */
  public List<AuditRecord> appendAll(List<AuditEntry> entries) {
    for (AuditEntry entry : entries) {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(entry.event(), "entry.event");
    }
    if (entries.isEmpty()) {
      return List.of();
    }
    List<AuditEntry> copy = List.copyOf(entries);
    Function<List<AuditEntry>, Object> add =
        records -> {
          records.addAll(copy);
          return null;
        };
    return enqueue(new PendingAppend(add, false, new CompletableFuture<>())).records();
  }

  @SuppressWarnings("unchecked")
  private <T> Appended<T> enqueue(PendingAppend pending) {
    if (Thread.currentThread() == writer) {
      throw new IllegalStateException(
          "a step run by the audit writer must not record to the trail");
    }
    closing.readLock().lock();
    try {
      if (!open) {
        throw new AuditWriteException("audit trail is closed");
      }
      queue.add(pending);
    } finally {
      closing.readLock().unlock();
    }
    return (Appended<T>) awaitDurable(pending.done());
  }

  private static Appended<?> awaitDurable(CompletableFuture<Appended<?>> done) {
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
          // An AuditWriteException, or what a step threw.
          if (e.getCause() instanceof RuntimeException failure) {
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

  /** The last durable record of the chain, whichever replica wrote it. */
  public ChainHead head() {
    return store.chainHead();
  }

  public String node() {
    return node;
  }

  /** Appends waiting for the writer, not yet in a batch. */
  int waiting() {
    return queue.size();
  }

  /** Whether the writer holds a batch and waits within its commit delay for more appends. */
  boolean awaitingMore() {
    return awaitingMore;
  }

  /** How many transactions the writer has committed: fewer than records when appends group. */
  public long batchesCommitted() {
    return batchesCommitted.get();
  }

  /** How many appends (steps' records, with their changes) those transactions committed. */
  public long appendsCommitted() {
    return appendsCommitted.get();
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
    boolean busy = false;
    boolean stopping = false;
    while (!stopping) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        // Only close() ends the writer; pending callers must always be answered.
        continue;
      }
      queue.drainTo(batch, batchSize - 1);
      if (busy) {
        awaitMore(batch);
      }
      busy = commitDelayNanos > 0 && batch.size() > 1;
      stopping = batch.removeIf(pending -> pending == PendingAppend.STOP);
      if (!batch.isEmpty()) {
        writeBatch(batch);
      }
      batch.clear();
    }
  }

  /**
   * Adds to {@code batch} what arrives within the commit delay, until the batch is full or the
   * trail is closing.
   */
  private void awaitMore(List<PendingAppend> batch) {
    long deadline = System.nanoTime() + commitDelayNanos;
    awaitingMore = true;
    try {
      while (batch.size() < batchSize && batch.getLast() != PendingAppend.STOP) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return;
        }
        PendingAppend next;
        try {
          next = queue.poll(remaining, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          // As in drainQueue: only close() ends the writer.
          continue;
        }
        if (next == null) {
          return;
        }
        batch.add(next);
        queue.drainTo(batch, batchSize - batch.size());
      }
    } finally {
      awaitingMore = false;
    }
  }

  private void writeBatch(List<PendingAppend> batch) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    List<Chained> written = new ArrayList<>(batch.size());
    try {
      store.append((head, transaction) -> chain(head, now, batch, transaction, written));
    } catch (RuntimeException e) {
      log.error(
          "audit batch of {} records failed",
          written.stream().mapToInt(chained -> chained.records().size()).sum());
      AuditWriteException failure =
          e instanceof AuditWriteException known
              ? known
              : new AuditWriteException("audit batch could not be committed", e);
      // Every caller of the batch is answered, also when the batch failed before its steps ran
      // (no connection, the head not locked); a step that failed alone keeps its own failure.
      batch.forEach(pending -> pending.done().completeExceptionally(failure));
      return;
    }
    if (written.stream().anyMatch(chained -> !chained.records().isEmpty())) {
      batchesCommitted.incrementAndGet();
      appendsCommitted.addAndGet(written.size());
    }
    written.forEach(
        chained ->
            chained.pending().done().complete(new Appended<>(chained.records(), chained.value())));
  }

  /**
   * The batch's records chained onto {@code head}, each append's step run first; an append whose
   * step throws or whose entries are invalid is refused alone, with all its entries and (to a
   * savepoint) its step's change. Times never go backwards along the chain, even if a wall clock
   * does or replicas' clocks differ.
   */
  private List<AuditRecord> chain(
      ChainHead head,
      Instant now,
      List<PendingAppend> batch,
      SavepointManager transaction,
      List<Chained> written) {
    written.clear();
    Instant time = now.isBefore(head.time()) ? head.time() : now;
    List<AuditRecord> records = new ArrayList<>(batch.size());
    long seq = head.seq();
    String prevHash = head.hash();
    for (PendingAppend pending : batch) {
      Object savepoint = pending.changes() ? transaction.createSavepoint() : null;
      List<AuditRecord> chained = new ArrayList<>();
      Object value;
      try {
        List<AuditEntry> entries = new ArrayList<>();
        value = pending.step().apply(entries);
        for (AuditEntry entry : entries) {
          Objects.requireNonNull(entry, "entry");
          Objects.requireNonNull(entry.event(), "entry.event");
          AuditRecord previous = chained.isEmpty() ? null : chained.getLast();
          chained.add(
              AuditRecord.chain(
                  previous == null ? seq + 1 : previous.seq() + 1,
                  time,
                  node,
                  entry,
                  previous == null ? prevHash : previous.hash()));
        }
      } catch (RuntimeException e) {
        if (savepoint != null) {
          transaction.rollbackToSavepoint(savepoint);
        }
        pending
            .done()
            .completeExceptionally(
                pending.changes() ? e : new AuditWriteException("audit entry is invalid", e));
        continue;
      }
      if (savepoint != null) {
        transaction.releaseSavepoint(savepoint);
      }
      records.addAll(chained);
      written.add(new Chained(pending, List.copyOf(chained), value));
      if (!chained.isEmpty()) {
        seq = chained.getLast().seq();
        prevHash = chained.getLast().hash();
      }
    }
    return records;
  }

  /**
   * One caller's append: {@code step} adds the entries (and, when {@code changes}, first writes its
   * own change to the database).
   */
  private record PendingAppend(
      Function<List<AuditEntry>, ?> step, boolean changes, CompletableFuture<Appended<?>> done) {
    static final PendingAppend STOP = new PendingAppend(null, false, null);
  }

  /** An append as chained in the batch, not yet committed. */
  private record Chained(PendingAppend pending, List<AuditRecord> records, Object value) {}

  /** A committed append: its records and what its step returned. */
  private record Appended<T>(List<AuditRecord> records, T value) {}
}
