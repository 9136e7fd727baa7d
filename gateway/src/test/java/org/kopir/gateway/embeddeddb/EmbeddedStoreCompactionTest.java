package org.kopir.gateway.embeddeddb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.leadership.Leadership;
import org.kopir.gateway.testsupport.EmbeddedStoreUrl;
import org.springframework.util.unit.DataSize;

class EmbeddedStoreCompactionTest {

  @TempDir Path dir;

  /**
   * An append-only table written one row per commit, as the audit trail is, beside a row that every
   * commit changes: most of each chunk is replaced by the next commit, the appended rows' leaves
   * stay.
   */
  private static void appendInSmallCommits(HikariDataSource dataSource, int commits)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO record (detail) VALUES (?)");
        PreparedStatement update =
            connection.prepareStatement("UPDATE head SET seq = seq + 1 WHERE id = 1")) {
      for (int i = 0; i < commits; i++) {
        insert.setString(1, "record " + i + " " + "x".repeat(300));
        insert.executeUpdate();
        update.executeUpdate();
      }
    }
  }

  private static HikariDataSource fileDatabase(Path dataDir) throws SQLException {
    // With replaced pages free at once instead of after H2's 45 s, so that the test need not wait
    // for chunks to become rewritable.
    return fileDatabase(dataDir, ";RETENTION_TIME=0");
  }

  /** The store in {@code dataDir} as the node opens it, with {@code settings} added. */
  private static HikariDataSource fileDatabase(Path dataDir, String settings) throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(EmbeddedStoreUrl.of(dataDir) + settings);
    config.setUsername("sa");
    config.setPassword("");
    config.setMaximumPoolSize(2);
    HikariDataSource dataSource = new HikariDataSource(config);
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE record (seq BIGINT AUTO_INCREMENT PRIMARY KEY, detail VARCHAR(1000))");
      statement.execute("CREATE INDEX record_detail ON record (detail)");
      statement.execute("CREATE TABLE head (id INT PRIMARY KEY, seq BIGINT)");
      statement.execute("INSERT INTO head VALUES (1, 0)");
    }
    return dataSource;
  }

  private static EmbeddedStoreCompaction compaction(HikariDataSource dataSource) {
    return compaction(dataSource, true);
  }

  private static EmbeddedStoreCompaction compaction(HikariDataSource dataSource, boolean fileSync) {
    EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties();
    properties.setCompactionFillRate(80);
    properties.setCompactionWriteLimit(DataSize.ofKilobytes(256));
    properties.setFileSync(fileSync);
    return new EmbeddedStoreCompaction(dataSource, properties, new Leadership("test"));
  }

  /**
   * Passes that compact without syncing: a synced pass would set the node's retention time, and the
   * URL's keeps emptied chunks rewritable at once.
   */
  private static EmbeddedStoreCompaction compactionOnly(HikariDataSource dataSource) {
    return compaction(dataSource, false);
  }

  private static MVStore store(HikariDataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return EmbeddedStoreCompaction.fileStoreOf(connection).orElseThrow();
    }
  }

  /** The chunks on H2's list of the file's chunks (its layout map), emptied ones included. */
  private static long listedChunks(HikariDataSource dataSource) throws SQLException {
    return store(dataSource).getLayoutMap().keySet().stream()
        .filter(key -> key.startsWith("chunk."))
        .count();
  }

  private static FileStore<?> fileStore(HikariDataSource dataSource) throws SQLException {
    return store(dataSource).getFileStore();
  }

  private static long rows(HikariDataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM record")) {
      count.next();
      return count.getLong(1);
    }
  }

  @Test
  void smallCommitsLeaveSparseChunksThatPassesCompactUntilTheTargetFillRate() throws Exception {
    try (HikariDataSource dataSource = fileDatabase(dir.resolve("db"))) {
      appendInSmallCommits(dataSource, 2_000);
      int before = fileStore(dataSource).getChunksFillRate();
      EmbeddedStoreCompaction compaction = compactionOnly(dataSource);

      int passes = 0;
      while (compaction.compactOnce() && passes < 1_000) {
        passes++;
      }

      assertThat(before).isLessThan(50);
      assertThat(passes).isPositive().isLessThan(1_000);
      assertThat(compaction.rewritingPasses()).isEqualTo(passes);
      assertThat(compaction.fillPercent()).isGreaterThanOrEqualTo(80);
      assertThat(fileStore(dataSource).getChunksFillRate()).isGreaterThanOrEqualTo(80);
      assertThat(rows(dataSource)).isEqualTo(2_000);
    }
  }

  @Test
  void passesBetweenCommitsKeepTheFileSmallerThanWithout() throws Exception {
    long without;
    try (HikariDataSource dataSource = fileDatabase(dir.resolve("without"))) {
      appendInSmallCommits(dataSource, 4_000);
      without = fileStore(dataSource).size();
    }
    try (HikariDataSource dataSource = fileDatabase(dir.resolve("with"))) {
      EmbeddedStoreCompaction compaction = compactionOnly(dataSource);
      for (int round = 0; round < 40; round++) {
        appendInSmallCommits(dataSource, 100);
        compaction.compactOnce();
      }

      assertThat(rows(dataSource)).isEqualTo(4_000);
      assertThat(compaction.fileBytes()).isPositive().isLessThan(without / 2);
    }
  }

  @Test
  void everyPassSyncsTheFileUnlessTurnedOff() throws Exception {
    try (HikariDataSource dataSource = fileDatabase(dir.resolve("synced"))) {
      EmbeddedStoreCompaction synced = compaction(dataSource);
      EmbeddedStoreCompaction unsynced = compaction(dataSource, false);
      for (int round = 0; round < 3; round++) {
        appendInSmallCommits(dataSource, 20);
        synced.compactOnce();
        unsynced.compactOnce();
      }

      assertThat(synced.syncs()).isEqualTo(3);
      assertThat(synced.syncNanos()).isPositive();
      assertThat(unsynced.syncs()).isZero();
      assertThat(unsynced.syncNanos()).isZero();
      assertThat(new EmbeddedDatabaseProperties().isFileSync()).as("the default").isTrue();
    }
  }

  @Test
  void onceAPassHasSyncedTheFileH2KeepsEmptiedChunksForTheShorterRetentionTime() throws Exception {
    try (HikariDataSource dataSource = fileDatabase(dir.resolve("retention"), "")) {
      int h2Default = fileStore(dataSource).getDefaultRetentionTime();
      EmbeddedStoreCompaction compaction = compaction(dataSource);
      appendInSmallCommits(dataSource, 20);

      assertThat(store(dataSource).getRetentionTime()).isEqualTo(h2Default).isEqualTo(45_000);
      compaction.compactOnce();

      assertThat(compaction.syncs()).isEqualTo(1);
      assertThat(store(dataSource).getRetentionTime()).isEqualTo(10_000);
      assertThat(new EmbeddedDatabaseProperties().getRetentionTime())
          .as("the default")
          .isEqualTo(Duration.ofSeconds(10));
    }
  }

  @Test
  void unsetOrWithoutFileSyncTheRetentionTimeStaysH2sOwn() throws Exception {
    try (HikariDataSource dataSource = fileDatabase(dir.resolve("unset"), "")) {
      EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties();
      properties.setRetentionTime(null);
      EmbeddedStoreCompaction unset =
          new EmbeddedStoreCompaction(dataSource, properties, new Leadership("test"));
      EmbeddedStoreCompaction unsynced = compaction(dataSource, false);
      appendInSmallCommits(dataSource, 20);

      unset.compactOnce();
      unsynced.compactOnce();
      unset.start();
      unset.stop();

      assertThat(unset.syncs()).isEqualTo(1);
      assertThat(store(dataSource).getRetentionTime()).isEqualTo(45_000);
    }
  }

  @Test
  void whenThePassesStopH2KeepsEmptiedChunksForItsOwnTimeAgain() throws Exception {
    try (HikariDataSource dataSource = fileDatabase(dir.resolve("stopped"), "")) {
      EmbeddedStoreCompaction compaction = compaction(dataSource);
      compaction.start();
      compaction.compactOnce();
      assertThat(store(dataSource).getRetentionTime()).isEqualTo(10_000);

      compaction.stop();

      assertThat(store(dataSource).getRetentionTime()).isEqualTo(45_000);
    }
  }

  @Test
  void aRetentionTimeShorterThanFiveIntervalsIsRefusedWhenThePassesSync() {
    EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties();
    properties.setCompactionInterval(Duration.ofSeconds(2));
    properties.setRetentionTime(Duration.ofSeconds(9));
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:refused;DB_CLOSE_DELAY=-1");
    try (HikariDataSource dataSource = new HikariDataSource(config)) {
      assertThatThrownBy(
              () -> new EmbeddedStoreCompaction(dataSource, properties, new Leadership("test")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("kopir.embedded-database.retention-time (PT9S)")
          .hasMessageContaining("five compaction intervals (PT2S each)");

      properties.setRetentionTime(Duration.ofSeconds(10));
      new EmbeddedStoreCompaction(dataSource, properties, new Leadership("test"));
      properties.setRetentionTime(Duration.ofSeconds(9));
      properties.setFileSync(false);
      new EmbeddedStoreCompaction(dataSource, properties, new Leadership("test"));
    }
  }

  @Test
  void theShorterRetentionTimeKeepsFewerEmptiedChunksOnH2sListThatEveryCommitRewrites()
      throws Exception {
    EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties();
    properties.setCompactionInterval(Duration.ofMillis(20));
    properties.setRetentionTime(Duration.ofMillis(100));
    long shortRetention;
    try (HikariDataSource dataSource = fileDatabase(dir.resolve("short"), "")) {
      EmbeddedStoreCompaction compaction =
          new EmbeddedStoreCompaction(dataSource, properties, new Leadership("test"));
      shortRetention = commitWithPasses(dataSource, compaction);
    }
    properties.setRetentionTime(null);
    long h2Retention;
    try (HikariDataSource dataSource = fileDatabase(dir.resolve("default"), "")) {
      EmbeddedStoreCompaction compaction =
          new EmbeddedStoreCompaction(dataSource, properties, new Leadership("test"));
      h2Retention = commitWithPasses(dataSource, compaction);
    }

    assertThat(h2Retention).as("H2's 45 s keeps every emptied chunk").isGreaterThan(600);
    assertThat(shortRetention).isLessThan(h2Retention / 2);
  }

  /** 30 rounds of 20 commits and a pass, 30 ms apart; the chunks on H2's list at the end. */
  private static long commitWithPasses(
      HikariDataSource dataSource, EmbeddedStoreCompaction compaction) throws Exception {
    for (int round = 0; round < 30; round++) {
      appendInSmallCommits(dataSource, 20);
      compaction.compactOnce();
      Thread.sleep(30);
    }
    appendInSmallCommits(dataSource, 1);
    return listedChunks(dataSource);
  }

  @Test
  void aDatabaseInMemoryHasNoFileToCompact() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:compaction;DB_CLOSE_DELAY=-1");
    try (HikariDataSource dataSource = new HikariDataSource(config)) {
      EmbeddedStoreCompaction compaction = compaction(dataSource);

      assertThat(compaction.compactOnce()).isFalse();
      assertThat(compaction.fileBytes()).isZero();
      assertThat(compaction.syncs()).isZero();
      try (Connection connection = dataSource.getConnection()) {
        assertThat(EmbeddedStoreCompaction.fileStoreOf(connection)).isEmpty();
      }
    }
  }

  @Test
  void onlyAnH2UrlOfAFileThisProcessOpensIsEmbedded() {
    assertThat(
            EmbeddedDatabaseConfiguration.EmbeddedH2File.embeddedFile(
                "jdbc:h2:file:./data/kz/db/kopir;WRITE_DELAY=0"))
        .isTrue();
    assertThat(EmbeddedDatabaseConfiguration.EmbeddedH2File.embeddedFile("jdbc:h2:./data/kopir"))
        .isTrue();
    assertThat(EmbeddedDatabaseConfiguration.EmbeddedH2File.embeddedFile("jdbc:h2:mem:x"))
        .isFalse();
    assertThat(EmbeddedDatabaseConfiguration.EmbeddedH2File.embeddedFile("jdbc:h2:tcp://db/kopir"))
        .isFalse();
    assertThat(EmbeddedDatabaseConfiguration.EmbeddedH2File.embeddedFile("jdbc:h2:ssl://db/kopir"))
        .isFalse();
    assertThat(
            EmbeddedDatabaseConfiguration.EmbeddedH2File.embeddedFile("jdbc:postgresql://db/kopir"))
        .isFalse();
    assertThat(EmbeddedDatabaseConfiguration.EmbeddedH2File.embeddedFile("")).isFalse();
  }
}
