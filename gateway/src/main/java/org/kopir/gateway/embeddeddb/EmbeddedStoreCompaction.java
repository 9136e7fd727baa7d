package org.kopir.gateway.embeddeddb;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.kopir.gateway.leadership.LeaderJob;
import org.kopir.gateway.leadership.Leadership;

/**
 * Compacts the embedded H2 store file while the node runs. H2 writes every commit as a new chunk of
 * the file and never overwrites a page; compacting chunks whose pages were mostly replaced is the
 * work of its background thread, which H2 does not start when every commit is written at once
 * ({@code WRITE_DELAY=0}). Without it, every chunk that still holds one page nobody changes again
 * (an audit record's leaf, say) stays in the file: about 120 KB of file per referral. Each pass
 * moves up to a write limit of live pages out of the sparsest chunks old enough to be rewritten and
 * writes them in a commit of its own; the emptied chunks' space is then reused once H2's retention
 * time has passed, so that the file on disk stays whole whatever the kernel has written out of it.
 *
 * <p>Each pass then syncs the file ({@link EmbeddedDatabaseProperties#isFileSync()}): H2 never
 * does, and the kernel, left to itself, writes out the file's changes of half a minute or more in
 * one burst (hundreds of megabytes at a busy node), during which the broker journal's syncs on the
 * same disk wait. Synced at every pass, the changes go out one interval's worth at a time, on this
 * thread, while commits go on.
 *
 * <p>Once a pass has synced the file, H2 need not keep a replaced chunk for its default 45 s, which
 * only assumes the kernel's own writing out: the pass sets the shorter {@link
 * EmbeddedDatabaseProperties#getRetentionTime() retention time} after its sync, at least five
 * intervals. Every commit rewrites H2's list of the file's chunks, and at a busy node 45 s keeps
 * thousands of emptied chunks on it. When the passes stop, H2's default returns.
 */
public class EmbeddedStoreCompaction extends LeaderJob {

  /** The name of the thread that runs the passes. */
  public static final String THREAD_NAME = "h2-compaction";

  private static final int H2_OWN = Integer.MIN_VALUE;

  private final DataSource dataSource;
  private final int fillRate;
  private final int writeLimit;
  private final boolean fileSync;

  /** The retention time each synced pass sets, or {@link #H2_OWN} to leave H2's. */
  private final int retentionMillis;

  private final AtomicLong fileBytes = new AtomicLong();
  private final AtomicLong fillPercent = new AtomicLong(100);
  private final AtomicLong rewritingPasses = new AtomicLong();
  private final AtomicLong syncs = new AtomicLong();
  private final AtomicLong syncNanos = new AtomicLong();

  public EmbeddedStoreCompaction(
      DataSource dataSource, EmbeddedDatabaseProperties properties, Leadership leadership) {
    super(THREAD_NAME, properties.getCompactionInterval(), leadership);
    this.dataSource = dataSource;
    this.fillRate = properties.getCompactionFillRate();
    this.writeLimit = Math.toIntExact(properties.getCompactionWriteLimit().toBytes());
    this.fileSync = properties.isFileSync();
    Duration retention = fileSync ? properties.getRetentionTime() : null;
    if (retention != null
        && retention.compareTo(properties.getCompactionInterval().multipliedBy(5)) < 0) {
      throw new IllegalArgumentException(
          "kopir.embedded-database.retention-time ("
              + retention
              + ") must be at least five compaction intervals ("
              + properties.getCompactionInterval()
              + " each): a chunk's space is reused only once the passes' syncs wrote it out");
    }
    this.retentionMillis = retention == null ? H2_OWN : Math.toIntExact(retention.toMillis());
  }

  /**
   * One pass: rewrites when the chunks' fill rate is below the target, syncs the file (when set)
   * and then sets the retention time (when set), then records the file's size and fill rate.
   *
   * @return whether pages were rewritten
   */
  public boolean compactOnce() {
    try (Connection connection = dataSource.getConnection()) {
      Optional<MVStore> found = fileStoreOf(connection);
      if (found.isEmpty()) {
        return false;
      }
      MVStore store = found.get();
      boolean rewritten = store.compact(fillRate, writeLimit);
      if (rewritten) {
        store.commit();
        rewritingPasses.incrementAndGet();
      }
      if (fileSync) {
        long started = System.nanoTime();
        store.sync();
        syncNanos.addAndGet(System.nanoTime() - started);
        syncs.incrementAndGet();
        if (retentionMillis != H2_OWN) {
          store.setRetentionTime(retentionMillis);
        }
      }
      fileBytes.set(store.getFileStore().size());
      fillPercent.set(store.getFileStore().getChunksFillRate());
      return rewritten;
    } catch (SQLException e) {
      throw new IllegalStateException("embedded database not reachable", e);
    }
  }

  @Override
  protected void pass() {
    compactOnce();
  }

  /** Stops the passes; without their syncs, H2 keeps replaced chunks for its default time again. */
  @Override
  public void stop() {
    super.stop();
    if (retentionMillis != H2_OWN) {
      restoreRetentionTime();
    }
  }

  private void restoreRetentionTime() {
    try (Connection connection = dataSource.getConnection()) {
      fileStoreOf(connection)
          .ifPresent(
              store -> store.setRetentionTime(store.getFileStore().getDefaultRetentionTime()));
    } catch (SQLException | RuntimeException closing) {
      // The database is closing with the node: its close syncs the file.
    }
  }

  /** The store file's size at the last pass, in bytes. */
  public long fileBytes() {
    return fileBytes.get();
  }

  /** The share of the file's chunks that live data filled at the last pass, in percent. */
  public long fillPercent() {
    return fillPercent.get();
  }

  /** How many times a pass synced the file. */
  public long syncs() {
    return syncs.get();
  }

  /** The time the passes' syncs took, in nanoseconds. */
  public double syncNanos() {
    return syncNanos.get();
  }

  /** How many passes rewrote pages. */
  public long rewritingPasses() {
    return rewritingPasses.get();
  }

  /**
   * The store of an H2 database this process holds in a file; empty for a database in memory, one
   * reached over the network (its server compacts it) and any other product.
   */
  static Optional<MVStore> fileStoreOf(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)
        || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local)) {
      return Optional.empty();
    }
    MVStore store = local.getDatabase().getStore().getMvStore();
    return store.isClosed() || store.getFileStore() == null ? Optional.empty() : Optional.of(store);
  }
}
