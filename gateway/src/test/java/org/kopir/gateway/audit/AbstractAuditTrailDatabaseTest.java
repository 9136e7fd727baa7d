package org.kopir.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.crypto.SigningCredential;
import org.kopir.gateway.leadership.Leadership;
import org.kopir.gateway.testsupport.MutableClock;
import org.kopir.gateway.testsupport.NodeSchema;
import org.kopir.gateway.testsupport.TestPki;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail against a real database: tampering of every kind is detected with the first bad
 * seq, both by the node's verify and by the offline command on an export; concurrent appends form
 * one gap-free chain; a restart resumes the chain; retention keeps the chain verifiable.
 */
abstract class AbstractAuditTrailDatabaseTest {

  private static final TestPki PKI = TestPki.newCa("Audit");
  private static final SigningCredential AUDIT_KEY = PKI.issueSigner("kz-audit");

  @TempDir Path files;

  protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:15:00Z"));
  protected DataSource dataSource;
  protected AuditStore store;
  protected JdbcAuditTrail trail;
  protected AuditCheckpointer checkpointer;
  protected AuditQueryService queries;

  /** A connection pool on the test database; the same database each time within one test. */
  protected abstract DataSource openDataSource();

  protected abstract void closeDataSource(DataSource dataSource);

  /** Flyway configured for the test database (e.g. its schema). */
  protected abstract org.flywaydb.core.api.configuration.FluentConfiguration flyway();

  /** Runs {@code sql} the way an intruder with database rights would, past any guard. */
  protected abstract void tamper(Connection connection, String sql, Object... parameters)
      throws SQLException;

  @BeforeEach
  void openTrail() {
    dataSource = openDataSource();
    NodeSchema.migrate(flyway(), dataSource);
    startTrail();
  }

  private void startTrail() {
    store = new AuditStore(dataSource);
    trail = new JdbcAuditTrail(store, "kz", 64, clock);
    checkpointer =
        new AuditCheckpointer(
            trail, store, () -> AUDIT_KEY, Duration.ofHours(1), clock, new Leadership("test"));
    queries = new AuditQueryService(store, PKI::caCertificate);
  }

  @AfterEach
  void closeTrail() {
    trail.close();
    closeDataSource(dataSource);
    dropDatabase();
  }

  /** Called last, after the trail and its pool are closed. */
  protected void dropDatabase() {}

  /** Binds {@code parameters} and executes {@code sql} on {@code connection}. */
  protected static void execute(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.execute();
    }
  }

  protected void append(int count) {
    for (int i = 0; i < count; i++) {
      trail.record(entry(i));
    }
  }

  private static AuditEntry entry(int i) {
    return AuditEntry.of(AuditEvent.MESSAGE_RECEIVED)
        .messageId(UUID.randomUUID().toString())
        .messageType("referral.request")
        .caseToken("case.k1.znod6ocixi2ywm5pajk6at42pq")
        .actor("agency:kz-cpc")
        .detail("n", i)
        .build();
  }

  /** Verifies on the node and offline on an export; both must agree. */
  protected VerificationReport verifyBothWays() throws Exception {
    VerificationReport online = queries.verify();
    Path records = files.resolve("records.jsonl");
    Path checkpoints = files.resolve("checkpoints.jsonl");
    try (OutputStream out = Files.newOutputStream(records)) {
      queries.export(1, Long.MAX_VALUE, out);
    }
    try (OutputStream out = Files.newOutputStream(checkpoints)) {
      queries.exportCheckpoints(0, Long.MAX_VALUE, out);
    }
    Path ca = AuditTestFiles.writePem(files.resolve("ca.pem"), PKI.caCertificate());
    AuditTestFiles.CliResult offline = AuditTestFiles.runVerify(records, checkpoints, ca);
    assertThat(offline.exitCode()).isEqualTo(online.intact() ? 0 : 1);
    assertThat(online.intact() ? offline.out() : offline.err()).contains(online.summary());
    return online;
  }

  private void tamper(String sql, Object... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      tamper(connection, sql, parameters);
    }
  }

  @Test
  void untouchedChainWithCheckpointsVerifies() throws Exception {
    append(5);
    checkpointer.checkpointIfNeeded();
    append(5);
    checkpointer.checkpointIfNeeded();

    VerificationReport report = verifyBothWays();

    assertThat(report.intact()).isTrue();
    assertThat(report.verifiedThroughSeq()).isEqualTo(10);
    assertThat(report.checkpointsMatched()).isEqualTo(2);
  }

  @Test
  void checkpointIsTakenOnlyWhenRecordsWereAdded() {
    append(3);
    assertThat(checkpointer.checkpointIfNeeded()).map(Checkpoint::seq).contains(3L);
    assertThat(checkpointer.checkpointIfNeeded()).isEmpty();
    append(1);
    assertThat(checkpointer.checkpointIfNeeded()).map(Checkpoint::seq).contains(4L);
  }

  @Test
  void modifiedRecordIsNamed() throws Exception {
    append(10);
    checkpointer.checkpointIfNeeded();
    tamper("UPDATE audit_record SET actor = ? WHERE seq = ?", "agency:kg-cpd", 4L);

    VerificationReport report = verifyBothWays();

    assertThat(report.intact()).isFalse();
    assertThat(report.firstBadSeq()).isEqualTo(4);
    assertThat(report.reason()).contains("hash does not match");
  }

  @Test
  void deletedRecordIsNamed() throws Exception {
    append(10);
    tamper("DELETE FROM audit_record WHERE seq = ?", 5L);

    VerificationReport report = verifyBothWays();

    assertThat(report.firstBadSeq()).isEqualTo(5);
    assertThat(report.reason()).contains("record missing");
  }

  @Test
  void insertedRecordBreaksTheChainRightAfterIt() throws Exception {
    append(10);
    AuditRecord before = recordAt(5);
    for (long seq = 10; seq >= 6; seq--) {
      tamper("UPDATE audit_record SET seq = ? WHERE seq = ?", seq + 1, seq);
    }
    // A well-formed forgery chained onto record 5: the chain breaks at the record it displaced.
    AuditRecord forged = AuditRecord.chain(6, before.time(), "kz", entry(99), before.hash());
    insertRaw(forged);

    VerificationReport report = verifyBothWays();

    assertThat(report.firstBadSeq()).isEqualTo(7);
  }

  @Test
  void swappedRecordsAreNamed() throws Exception {
    append(10);
    tamper("UPDATE audit_record SET seq = ? WHERE seq = ?", -1L, 3L);
    tamper("UPDATE audit_record SET seq = ? WHERE seq = ?", 3L, 4L);
    tamper("UPDATE audit_record SET seq = ? WHERE seq = ?", 4L, -1L);

    VerificationReport report = verifyBothWays();

    assertThat(report.firstBadSeq()).isEqualTo(3);
  }

  @Test
  void forgedCheckpointIsNamed() throws Exception {
    append(10);
    checkpointer.checkpointIfNeeded();
    String forgedHash = "ab".repeat(32);
    tamper(
        "UPDATE audit_checkpoint SET hash = ?, body = REPLACE(body, hash, ?) WHERE seq = ?",
        forgedHash,
        forgedHash,
        10L);

    VerificationReport report = verifyBothWays();

    assertThat(report.firstBadSeq()).isEqualTo(10);
    assertThat(report.reason()).contains("invalid signature");
  }

  @Test
  void truncatedTailAfterCheckpointIsNamed() throws Exception {
    append(10);
    checkpointer.checkpointIfNeeded();
    append(2);
    tamper("DELETE FROM audit_record WHERE seq >= ?", 8L);

    VerificationReport report = verifyBothWays();

    assertThat(report.firstBadSeq()).isEqualTo(8);
    assertThat(report.reason()).contains("tail truncated");
  }

  @Test
  void concurrentAppendsFormOneGapFreeChainInFewerTransactions() throws Exception {
    int threads = 16;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                (Callable<Void>)
                    () -> {
                      append(perThread);
                      return null;
                    }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    checkpointer.checkpointIfNeeded();

    assertThat(count("SELECT COUNT(*) FROM audit_record")).isEqualTo(threads * perThread);
    assertThat(count("SELECT MAX(seq) FROM audit_record")).isEqualTo(threads * perThread);
    assertThat(trail.batchesCommitted()).isLessThan(threads * perThread);
    VerificationReport report = verifyBothWays();
    assertThat(report.intact()).isTrue();
    assertThat(report.verifiedThroughSeq()).isEqualTo(threads * perThread);
  }

  @Test
  void aStepsRecordsAreCommittedTogetherConsecutivelyAndInOrder() throws Exception {
    append(2);
    long batchesBefore = trail.batchesCommitted();

    List<AuditRecord> step = trail.appendAll(List.of(entry(10), entry(11), entry(12)));

    assertThat(trail.batchesCommitted()).isEqualTo(batchesBefore + 1);
    assertThat(step).extracting(AuditRecord::seq).containsExactly(3L, 4L, 5L);
    assertThat(step)
        .extracting(record -> record.detail().get("n").asInt())
        .containsExactly(10, 11, 12);
    assertThat(step.get(1).prevHash()).isEqualTo(step.get(0).hash());
    assertThat(step.get(2).prevHash()).isEqualTo(step.get(1).hash());
    assertThat(trail.appendAll(List.of())).isEmpty();
    checkpointer.checkpointIfNeeded();
    assertThat(verifyBothWays().verifiedThroughSeq()).isEqualTo(5);
  }

  @Test
  void aStepsChangeCommitsWithItsRecordsAndItsResultIsReturned() throws Exception {
    JdbcTemplate jdbc = stepChangeTable();
    append(1);

    String result =
        trail.recordWith(
            records -> {
              jdbc.update("INSERT INTO step_change (id) VALUES (?)", "a");
              records.add(entry(20));
              records.add(entry(21));
              return "marked";
            });

    assertThat(result).isEqualTo("marked");
    assertThat(count("SELECT COUNT(*) FROM step_change WHERE id = 'a'")).isEqualTo(1);
    assertThat(trail.head().seq()).isEqualTo(3);
    int deleted = trail.recordWith(records -> jdbc.update("DELETE FROM step_change"));
    assertThat(deleted).isEqualTo(1);
    assertThat(trail.head().seq()).isEqualTo(3);
    checkpointer.checkpointIfNeeded();
    assertThat(verifyBothWays().verifiedThroughSeq()).isEqualTo(3);
  }

  @Test
  void aStepThatFailsLeavesNeitherItsChangeNorItsRecordsAndTheRestOfItsBatchCommits()
      throws Exception {
    JdbcTemplate jdbc = stepChangeTable();
    jdbc.update("INSERT INTO step_change (id) VALUES (?)", "taken");
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try {
      // The first step holds the writer, so that the next two are queued into one batch.
      Future<?> holding = holdWriter(trail, callers, release, 30);
      Future<?> failing =
          callers.submit(
              () ->
                  trail.recordWith(
                      records -> {
                        jdbc.update("INSERT INTO step_change (id) VALUES (?)", "undone");
                        records.add(entry(31));
                        // A statement the database refuses: on PostgreSQL it aborts the
                        // transaction, which only a savepoint recovers.
                        return jdbc.update("INSERT INTO step_change (id) VALUES (?)", "taken");
                      }));
      Future<?> plain = callers.submit(() -> trail.record(entry(32)));
      Awaitility.await().until(() -> trail.waiting() == 2);
      release.countDown();

      holding.get();
      plain.get();
      assertThatThrownBy(failing::get).hasCauseInstanceOf(DuplicateKeyException.class);
    } finally {
      release.countDown();
      callers.shutdown();
    }

    assertThat(count("SELECT COUNT(*) FROM step_change WHERE id = 'undone'")).isZero();
    assertThat(count("SELECT COUNT(*) FROM audit_record")).isEqualTo(2);
    assertThat(queries.search(AuditQuery.all(), 0, 10).records())
        .extracting(record -> record.detail().get("n").asInt())
        .containsExactlyInAnyOrder(30, 32);
    checkpointer.checkpointIfNeeded();
    assertThat(verifyBothWays().verifiedThroughSeq()).isEqualTo(2);
  }

  @Test
  void aBusyWriterWaitsWithinItsCommitDelayForTheNextAppendAndCommitsBothTogether()
      throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try {
      makeBusy(trailWithCommitDelay(Duration.ofMinutes(1)));
      long commits = trail.batchesCommitted();

      Future<?> fourth = callers.submit(() -> trail.record(entry(43)));
      Awaitility.await().until(trail::awaitingMore);
      Future<?> fifth = callers.submit(() -> trail.record(entry(44)));
      fourth.get();
      fifth.get();

      assertThat(trail.batchesCommitted()).isEqualTo(commits + 1);
      assertThat(trail.appendsCommitted()).isEqualTo(5);
    } finally {
      callers.shutdown();
    }
    assertThat(count("SELECT COUNT(*) FROM audit_record")).isEqualTo(5);
    checkpointer.checkpointIfNeeded();
    assertThat(verifyBothWays().verifiedThroughSeq()).isEqualTo(5);
  }

  @Test
  void aWriterWhoseAppendsComeOneAtATimeCommitsEachAtOnceDespiteItsCommitDelay() {
    trailWithCommitDelay(Duration.ofMinutes(1));

    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> append(3));

    assertThat(trail.batchesCommitted()).isEqualTo(3);
  }

  @Test
  void closingATrailWhoseWriterWaitsForMoreAppendsCommitsWhatItHoldsAndStops() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(1);
    try {
      makeBusy(trailWithCommitDelay(Duration.ofMinutes(1)));
      Future<?> fourth = callers.submit(() -> trail.record(entry(43)));
      Awaitility.await().until(trail::awaitingMore);

      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> trail.close());

      fourth.get();
    } finally {
      callers.shutdown();
    }
    assertThat(count("SELECT COUNT(*) FROM audit_record")).isEqualTo(4);
  }

  /**
   * Has {@code callers} run a step (recording entry {@code n}) that holds {@code held}'s writer
   * until {@code release} opens, and returns once the writer runs it: what is appended meanwhile
   * queues into one batch.
   */
  private static Future<?> holdWriter(
      JdbcAuditTrail held, ExecutorService callers, CountDownLatch release, int n)
      throws InterruptedException {
    CountDownLatch writerHeld = new CountDownLatch(1);
    Future<?> holding =
        callers.submit(
            () ->
                held.recordWith(
                    records -> {
                      writerHeld.countDown();
                      await(release);
                      return records.add(entry(n));
                    }));
    writerHeld.await();
    return holding;
  }

  /** Replaces the test's trail with one of batches of at most two and {@code commitDelay}. */
  private JdbcAuditTrail trailWithCommitDelay(Duration commitDelay) {
    trail.close();
    trail = new JdbcAuditTrail(store, "kz", 2, commitDelay, clock);
    checkpointer =
        new AuditCheckpointer(
            trail, store, () -> AUDIT_KEY, Duration.ofHours(1), clock, new Leadership("test"));
    return trail;
  }

  /**
   * Three appends, the last two queued behind the first and written together: {@code busy}'s writer
   * has seen appends arrive at the same time, so it waits for more before its next commit.
   */
  private static void makeBusy(JdbcAuditTrail busy) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try {
      Future<?> holding = holdWriter(busy, callers, release, 40);
      Future<?> second = callers.submit(() -> busy.record(entry(41)));
      Future<?> third = callers.submit(() -> busy.record(entry(42)));
      Awaitility.await().until(() -> busy.waiting() == 2);
      release.countDown();
      holding.get();
      second.get();
      third.get();
    } finally {
      release.countDown();
      callers.shutdown();
    }
    assertThat(busy.batchesCommitted()).isEqualTo(2);
  }

  @Test
  void aBatchTheDatabaseCannotTakeFailsItsCallersInsteadOfLeavingThemWaiting() {
    append(1);
    closeDataSource(dataSource);

    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () ->
            assertThatThrownBy(() -> trail.record(entry(50)))
                .isInstanceOf(AuditWriteException.class));
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () ->
            assertThatThrownBy(() -> trail.recordWith(records -> records.add(entry(51))))
                .isInstanceOf(AuditWriteException.class));
  }

  @Test
  void aStepThatRecordsToTheTrailItselfIsRefusedInsteadOfWaitingForever() {
    assertThatThrownBy(
            () ->
                trail.recordWith(
                    records -> {
                      trail.record(entry(40));
                      return null;
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must not record");
    trail.record(entry(41));
    assertThat(trail.head().seq()).isEqualTo(1);
  }

  private JdbcTemplate stepChangeTable() {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.execute("CREATE TABLE step_change (id VARCHAR(36) PRIMARY KEY)");
    return jdbc;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void twoReplicasAppendingAtOnceFormOneGapFreeChain() throws Exception {
    DataSource otherPool = openDataSource();
    JdbcAuditTrail other = new JdbcAuditTrail(new AuditStore(otherPool), "kz", 64, clock);
    int perReplica = 300;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (JdbcAuditTrail replica : List.of(trail, other)) {
        for (int t = 0; t < 4; t++) {
          done.add(
              pool.submit(
                  (Callable<Void>)
                      () -> {
                        for (int i = 0; i < perReplica / 4; i++) {
                          replica.record(entry(i));
                        }
                        return null;
                      }));
        }
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdown();
      other.close();
      closeDataSource(otherPool);
    }
    checkpointer.checkpointIfNeeded();

    assertThat(count("SELECT COUNT(*) FROM audit_record")).isEqualTo(2 * perReplica);
    assertThat(trail.head().seq()).isEqualTo(2 * perReplica);
    assertThat(other.batchesCommitted()).isPositive();
    VerificationReport report = verifyBothWays();
    assertThat(report.intact()).isTrue();
    assertThat(report.verifiedThroughSeq()).isEqualTo(2 * perReplica);
  }

  @Test
  void restartResumesTheChain() throws Exception {
    append(5);
    checkpointer.checkpointIfNeeded();
    trail.close();
    closeDataSource(dataSource);

    dataSource = openDataSource();
    startTrail();
    AuditRecord next =
        trail.append(AuditEntry.of(AuditEvent.CONFIG_CHANGED).detail("key", "x").build());
    append(4);

    assertThat(next.seq()).isEqualTo(6);
    assertThat(next.prevHash()).isEqualTo(recordAt(5).hash());
    assertThat(verifyBothWays().verifiedThroughSeq()).isEqualTo(10);
  }

  @Test
  void purgeRemovesOnlyThroughAnExpiredCheckpointAndKeepsTheChainVerifiable() throws Exception {
    append(5);
    checkpointer.checkpointIfNeeded();
    clock.advance(Duration.ofDays(365));
    append(5);
    checkpointer.checkpointIfNeeded();
    clock.set(Instant.parse("2026-11-22T10:15:00Z").plus(Duration.ofDays(365 * 10 + 10)));
    AuditPurger purger = new AuditPurger(store, trail, java.time.Period.ofYears(10), clock);

    var result = purger.purgeExpired("user:operator");

    assertThat(result).contains(new AuditPurger.PurgeResult(5, 5));
    assertThat(store.firstRecord()).map(AuditRecord::seq).contains(6L);
    AuditRecord purged = store.lastRecord().orElseThrow();
    assertThat(purged.event()).isEqualTo("audit.purged");
    assertThat(purged.detail().path("throughSeq").asLong()).isEqualTo(5);
    assertThat(purger.purgeExpired("user:operator")).isEmpty();
    VerificationReport report = verifyBothWays();
    assertThat(report.intact()).isTrue();
    assertThat(report.firstSeq()).isEqualTo(6);
  }

  @Test
  void timelineListsTheRecordsOfOneMessageInOrder() {
    String messageId = UUID.randomUUID().toString();
    append(2);
    trail.record(AuditEntry.of(AuditEvent.MESSAGE_RECEIVED).messageId(messageId).build());
    append(1);
    trail.record(AuditEntry.of(AuditEvent.MESSAGE_QUEUED).messageId(messageId).build());

    assertThat(queries.timeline(messageId))
        .extracting(AuditRecord::event)
        .containsExactly("message.received", "message.queued");
  }

  @Test
  void searchFiltersByAgencyEventAndTimeAndPages() {
    String messageId = UUID.randomUUID().toString();
    trail.record(
        AuditEntry.of(AuditEvent.MESSAGE_RECEIVED)
            .messageId(messageId)
            .actor("agency:kz-almaty-guardianship")
            .build());
    clock.advance(Duration.ofMinutes(1));
    trail.record(AuditEntry.of(AuditEvent.MESSAGE_SIGNED).messageId(messageId).build());
    append(3);

    AuditPage byAgency =
        queries.search(
            new AuditQuery(null, null, "kz-almaty-guardianship", null, null, null), 0, 10);
    AuditPage byEventAndTime =
        queries.search(
            new AuditQuery(null, null, null, "message.received", clock.instant(), null), 0, 2);

    assertThat(byAgency.records())
        .extracting(AuditRecord::event)
        .containsExactly("message.received", "message.signed");
    assertThat(byEventAndTime.totalElements()).isEqualTo(3);
    assertThat(byEventAndTime.records()).hasSize(2);
  }

  @Test
  void appendAfterCloseIsRefused() {
    trail.close();
    assertThatThrownBy(() -> append(1)).isInstanceOf(AuditWriteException.class);
  }

  protected AuditRecord recordAt(long seq) {
    List<AuditRecord> found = new ArrayList<>();
    store.forEachRecord(seq, seq, found::add);
    return found.get(0);
  }

  protected long count(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }

  private void insertRaw(AuditRecord record) {
    store.insert(List.of(record));
  }

  protected static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
