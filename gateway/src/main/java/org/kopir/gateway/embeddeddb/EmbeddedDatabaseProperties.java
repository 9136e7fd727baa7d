package org.kopir.gateway.embeddeddb;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Compaction and syncing of the embedded H2 store file ({@code kopir.embedded-database.*}); ignored
 * on PostgreSQL.
 */
@ConfigurationProperties("kopir.embedded-database")
public class EmbeddedDatabaseProperties {

  /** Time between the end of one compaction pass and the start of the next. */
  private Duration compactionInterval = Duration.ofSeconds(1);

  /**
   * A pass rewrites while the live data fill less than this share of the file's chunks, in percent
   * (1 to 100).
   */
  private int compactionFillRate = 80;

  /** The most live data one pass moves out of sparse chunks. */
  private DataSize compactionWriteLimit = DataSize.ofKilobytes(512);

  /**
   * Whether each pass also writes the store file's changes through to disk ({@code fsync}). H2
   * writes every commit to the file without syncing it; left to the kernel, the changes of half a
   * minute or more are written out at once, and the broker journal's syncs on the same disk wait
   * behind them. Synced at each pass, they go out one interval's worth at a time.
   */
  private boolean fileSync = true;

  /**
   * How long H2 keeps a chunk of the store file whose pages were all replaced before it reuses the
   * chunk's space and compaction may rewrite it, once a pass has synced the file; at least five
   * compaction intervals. H2's own 45 s assume only that the kernel writes the file out within that
   * time; the passes sync it every interval. Each commit rewrites H2's list of the file's chunks,
   * which every kept chunk lengthens. Unset, or without {@link #isFileSync() file sync}, H2's 45 s
   * stay (docs/performance.md, "H2's list of chunks").
   */
  private Duration retentionTime = Duration.ofSeconds(10);

  public Duration getCompactionInterval() {
    return compactionInterval;
  }

  public void setCompactionInterval(Duration compactionInterval) {
    if (compactionInterval.isNegative() || compactionInterval.isZero()) {
      throw new IllegalArgumentException("compaction interval must be positive");
    }
    this.compactionInterval = compactionInterval;
  }

  public int getCompactionFillRate() {
    return compactionFillRate;
  }

  public void setCompactionFillRate(int compactionFillRate) {
    if (compactionFillRate < 1 || compactionFillRate > 100) {
      throw new IllegalArgumentException("compaction fill rate is a percentage from 1 to 100");
    }
    this.compactionFillRate = compactionFillRate;
  }

  public boolean isFileSync() {
    return fileSync;
  }

  public void setFileSync(boolean fileSync) {
    this.fileSync = fileSync;
  }

  public Duration getRetentionTime() {
    return retentionTime;
  }

  public void setRetentionTime(Duration retentionTime) {
    if (retentionTime != null
        && (retentionTime.isNegative()
            || retentionTime.isZero()
            || retentionTime.toMillis() > Integer.MAX_VALUE)) {
      throw new IllegalArgumentException("retention time must be positive, at most 24 days");
    }
    this.retentionTime = retentionTime;
  }

  public DataSize getCompactionWriteLimit() {
    return compactionWriteLimit;
  }

  public void setCompactionWriteLimit(DataSize compactionWriteLimit) {
    if (compactionWriteLimit.toBytes() < 1 || compactionWriteLimit.toBytes() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("compaction write limit must be from 1 byte to 2 GiB");
    }
    this.compactionWriteLimit = compactionWriteLimit;
  }
}
