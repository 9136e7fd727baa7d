package org.kopir.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.crypto.Canonicalizer;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.json.IntakeProperties;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.MutableClock;
import org.kopir.gateway.testsupport.PostgresTestDatabase;
import org.kopir.gateway.validation.EnvelopeHeader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbound ledger when several submissions of one message run at once, as on replicas sharing
 * one PostgreSQL database: one of them registers the message and the others answer with its record
 * once it is queued; an orphan (recorded, never queued, older than orphan-after) is taken over by
 * exactly one submission; a submission still working after the wait makes the others refuse with
 * {@code SUBMISSION_IN_PROGRESS}.
 */
class SubmissionLedgerConcurrencyPostgresTest {

  private static final int ROUNDS = 40;
  private static final Duration ORPHAN_AFTER = Duration.ofSeconds(30);
  private static final Duration WINNER_WORK = Duration.ofMillis(30);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
  private PostgresTestDatabase database;
  private HikariDataSource dataSource;
  private JdbcTemplate jdbc;
  private ExecutorService threads;

  @BeforeEach
  void openDatabase() {
    database = PostgresTestDatabase.migrated("ledger_test");
    dataSource = database.newDataSource();
    jdbc = new JdbcTemplate(dataSource);
    threads = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void closeDatabase() {
    threads.shutdownNow();
    dataSource.close();
    database.close();
  }

  @Test
  void ofTwoSimultaneousRegistrationsOneIsFirstAndTheOtherAnswersWithItsQueuedRecord()
      throws Exception {
    SubmissionLedger ledger = ledger(Duration.ofSeconds(5));
    for (int round = 0; round < ROUNDS; round++) {
      ObjectNode envelope = Envelopes.referral();
      CyclicBarrier together = new CyclicBarrier(2);

      List<Optional<OutboundRecord>> outcomes =
          both(
              () -> {
                together.await(5, TimeUnit.SECONDS);
                return registerAndQueueIfFirst(ledger, submission(envelope));
              });

      assertOneFirstAndOneRepeatOfTheQueuedMessage(outcomes, envelope);
    }
  }

  @Test
  void simultaneousSubmissionsThroughTheRepeatCheckAndRegistrationProcessTheMessageOnce()
      throws Exception {
    SubmissionLedger ledger = ledger(Duration.ofSeconds(5));
    for (int round = 0; round < ROUNDS; round++) {
      ObjectNode envelope = Envelopes.referral();
      CyclicBarrier together = new CyclicBarrier(2);

      List<Optional<OutboundRecord>> outcomes =
          both(
              () -> {
                together.await(5, TimeUnit.SECONDS);
                // start a little apart: sometimes both pass the repeat check, sometimes not
                Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                return submitAsTheRouteDoes(ledger, submission(envelope));
              });

      assertOneFirstAndOneRepeatOfTheQueuedMessage(outcomes, envelope);
    }
  }

  @Test
  void aSubmissionArrivingWhileTheMessageIsBeingQueuedWaitsForIt() throws Exception {
    SubmissionLedger ledger = ledger(Duration.ofSeconds(5));
    ObjectNode envelope = Envelopes.referral();
    assertThat(ledger.register(submission(envelope))).isEmpty();

    Future<Optional<OutboundRecord>> second =
        threads.submit(() -> ledger.earlierAcceptance(submission(envelope)));
    Thread.sleep(300);
    assertThat(second.isDone()).as("answered before the first submission queued it").isFalse();
    ledger.transition(Envelopes.messageId(envelope), OutboundStatus.QUEUED, null);

    Optional<OutboundRecord> answer = second.get(5, TimeUnit.SECONDS);
    assertThat(answer).isPresent();
    assertThat(answer.get().messageId()).isEqualTo(Envelopes.messageId(envelope));
    assertThat(answer.get().status()).isEqualTo(OutboundStatus.QUEUED);
  }

  @Test
  void anOrphanIsTakenOverByExactlyOneOfTwoSimultaneousSubmissions() throws Exception {
    SubmissionLedger ledger = ledger(Duration.ofSeconds(5));
    for (int round = 0; round < ROUNDS; round++) {
      ObjectNode envelope = Envelopes.referral();
      Instant left = orphan(ledger, envelope);
      boolean throughRepeatCheck = round % 2 == 0;
      CyclicBarrier together = new CyclicBarrier(2);

      List<Optional<OutboundRecord>> outcomes =
          both(
              () -> {
                together.await(5, TimeUnit.SECONDS);
                Submission submission = submission(envelope);
                return throughRepeatCheck
                    ? submitAsTheRouteDoes(ledger, submission)
                    : registerAndQueueIfFirst(ledger, submission);
              });

      assertOneFirstAndOneRepeatOfTheQueuedMessage(outcomes, envelope);
      assertThat(ledger.find(Envelopes.messageId(envelope)).orElseThrow().updatedAt())
          .isAfter(left);
    }
  }

  @Test
  void aSlowFirstSubmissionMakesTheOtherRefuseAsInProgressAfterTheWait() {
    Duration wait = Duration.ofMillis(400);
    SubmissionLedger ledger = ledger(wait);
    ObjectNode envelope = Envelopes.referral();
    assertThat(ledger.register(submission(envelope))).isEmpty();
    OutboundRecord held = ledger.find(Envelopes.messageId(envelope)).orElseThrow();
    clock.advance(ORPHAN_AFTER.minusSeconds(1));

    long start = System.nanoTime();
    assertThatThrownBy(() -> ledger.register(submission(envelope)))
        .isInstanceOfSatisfying(
            KopirException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SUBMISSION_IN_PROGRESS));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(wait);
    assertThatThrownBy(() -> ledger.earlierAcceptance(submission(envelope)))
        .isInstanceOfSatisfying(
            KopirException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SUBMISSION_IN_PROGRESS));

    assertThat(ledger.find(Envelopes.messageId(envelope)).orElseThrow()).isEqualTo(held);
  }

  @Test
  void anOrphanLeftByAStoppedNodeIsProcessedAgainAtOnce() {
    SubmissionLedger ledger = ledger(Duration.ofSeconds(5));
    ObjectNode envelope = Envelopes.referral();
    orphan(ledger, envelope);

    long start = System.nanoTime();
    Submission retry = submission(envelope);
    assertThat(ledger.earlierAcceptance(retry)).isEmpty();
    assertThat(ledger.register(retry)).isEmpty();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    OutboundRecord row = ledger.find(Envelopes.messageId(envelope)).orElseThrow();
    assertThat(row.status()).isEqualTo(OutboundStatus.RECEIVED);
    assertThat(row.updatedAt()).isEqualTo(retry.ledgerClaim());
  }

  @Test
  void aSubmissionThatFailedBeforeQueueingReleasesItsRowToTheNextSubmissionAtOnce() {
    SubmissionLedger ledger = ledger(Duration.ofSeconds(5));
    ObjectNode envelope = Envelopes.referral();
    Submission failed = submission(envelope);
    assertThat(ledger.register(failed)).isEmpty();

    ledger.release(failed, "INTERNAL_ERROR");

    OutboundRecord released = ledger.find(Envelopes.messageId(envelope)).orElseThrow();
    assertThat(released.status()).isEqualTo(OutboundStatus.RECEIVED);
    assertThat(released.statusReason()).isEqualTo("INTERNAL_ERROR");
    clock.advance(Duration.ofMillis(1));
    long start = System.nanoTime();
    Submission retry = submission(envelope);
    assertThat(ledger.earlierAcceptance(retry)).isEmpty();
    assertThat(ledger.register(retry)).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    OutboundRecord taken = ledger.find(Envelopes.messageId(envelope)).orElseThrow();
    assertThat(taken.statusReason()).isNull();
    assertThat(taken.updatedAt()).isEqualTo(retry.ledgerClaim());
    // the one that failed no longer holds the row: releasing again changes nothing
    ledger.release(failed, "INTERNAL_ERROR");
    assertThat(ledger.find(Envelopes.messageId(envelope)).orElseThrow()).isEqualTo(taken);
  }

  @Test
  void aReleaseAfterTheMessageWasQueuedChangesNothing() {
    SubmissionLedger ledger = ledger(Duration.ofSeconds(5));
    ObjectNode envelope = Envelopes.referral();
    Submission submission = submission(envelope);
    assertThat(ledger.register(submission)).isEmpty();
    ledger.transition(submission.messageId(), OutboundStatus.QUEUED, null);
    OutboundRecord queued = ledger.find(submission.messageId()).orElseThrow();

    ledger.release(submission, "INTERNAL_ERROR");

    assertThat(ledger.find(submission.messageId()).orElseThrow()).isEqualTo(queued);
  }

  @Test
  void theIntakeMarksAReceivedMessageQueued() {
    SubmissionLedger ledger = ledger(Duration.ofSeconds(5));
    Submission submission = submission(Envelopes.referral());
    assertThat(ledger.register(submission)).isEmpty();

    assertThat(ledger.queued(submission.messageId())).isTrue();

    OutboundRecord row = ledger.find(submission.messageId()).orElseThrow();
    assertThat(row.status()).isEqualTo(OutboundStatus.QUEUED);
    assertThat(row.statusReason()).isNull();
  }

  @Test
  void aMessageItsConsumerTookFurtherBeforeTheIntakeMarkedItQueuedKeepsItsStatus() {
    SubmissionLedger ledger = ledger(Duration.ofSeconds(5));
    for (OutboundStatus further :
        List.of(OutboundStatus.DEAD_LETTERED, OutboundStatus.DELIVERED, OutboundStatus.REFUSED)) {
      Submission submission = submission(Envelopes.referral());
      assertThat(ledger.register(submission)).isEmpty();
      assertThat(ledger.transition(submission.messageId(), further, "REASON")).isTrue();

      assertThat(ledger.queued(submission.messageId())).isFalse();

      assertThat(ledger.find(submission.messageId()).orElseThrow().status()).isEqualTo(further);
    }
  }

  @Test
  void theDigestOfTheFormThePartnerAcknowledgedReplacesTheOneFirstRecorded() {
    SubmissionLedger ledger = ledger(Duration.ofSeconds(5));
    ObjectNode envelope = Envelopes.referral();
    orphan(ledger, envelope);
    String messageId = Envelopes.messageId(envelope);
    String recorded = ledger.find(messageId).orElseThrow().envelopeDigest();
    String signedAnew = "c".repeat(64);

    ledger.delivered(messageId, signedAnew);

    OutboundRecord row = ledger.find(messageId).orElseThrow();
    assertThat(row.status()).isEqualTo(OutboundStatus.DELIVERED);
    assertThat(row.envelopeDigest()).isNotEqualTo(recorded).isEqualTo(signedAnew);
  }

  @Test
  void aDeliveredReceiptAfterTheRetrievedOneRecordsTheDigestAndKeepsTheLaterStatus() {
    SubmissionLedger ledger = ledger(Duration.ofSeconds(5));
    ObjectNode envelope = Envelopes.referral();
    orphan(ledger, envelope);
    String messageId = Envelopes.messageId(envelope);
    assertThat(ledger.transition(messageId, OutboundStatus.RETRIEVED, null)).isTrue();
    String signedAnew = "d".repeat(64);

    ledger.delivered(messageId, signedAnew);

    OutboundRecord row = ledger.find(messageId).orElseThrow();
    assertThat(row.status()).isEqualTo(OutboundStatus.RETRIEVED);
    assertThat(row.envelopeDigest()).isEqualTo(signedAnew);
  }

  @Test
  void aTakerSlowerThanOrphanAfterLosesTheMessageToTheNextAndAnswersWithItsRecord()
      throws Exception {
    SubmissionLedger ledger = ledger(Duration.ofSeconds(5));
    ObjectNode envelope = Envelopes.referral();
    orphan(ledger, envelope);
    Submission slow = submission(envelope);
    assertThat(ledger.earlierAcceptance(slow)).isEmpty();

    clock.advance(ORPHAN_AFTER.plusSeconds(1));
    Submission next = submission(envelope);
    assertThat(ledger.earlierAcceptance(next)).isEmpty();
    Future<Optional<OutboundRecord>> slowRegisters = threads.submit(() -> ledger.register(slow));
    assertThat(ledger.register(next)).isEmpty();
    ledger.transition(Envelopes.messageId(envelope), OutboundStatus.QUEUED, null);

    Optional<OutboundRecord> answer = slowRegisters.get(5, TimeUnit.SECONDS);
    assertThat(answer).isPresent();
    assertThat(answer.get().status()).isEqualTo(OutboundStatus.QUEUED);
  }

  @Test
  void aRepeatOfAQueuedMessageIsAnsweredAtOnceAndOtherContentIsADuplicateId() {
    SubmissionLedger ledger = ledger(Duration.ofSeconds(5));
    ObjectNode envelope = Envelopes.referral();
    assertThat(ledger.register(submission(envelope))).isEmpty();
    ObjectNode other = envelope.deepCopy();
    ((ObjectNode) other.get("header")).put("priority", "low");

    assertThatThrownBy(() -> ledger.earlierAcceptance(submission(other)))
        .isInstanceOfSatisfying(
            KopirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_ID));
    ledger.transition(Envelopes.messageId(envelope), OutboundStatus.QUEUED, null);
    long start = System.nanoTime();
    Optional<OutboundRecord> repeat = ledger.earlierAcceptance(submission(envelope));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(repeat.orElseThrow().status()).isEqualTo(OutboundStatus.QUEUED);
    assertThatThrownBy(() -> ledger.register(submission(other)))
        .isInstanceOfSatisfying(
            KopirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_ID));
  }

  // ---- helpers ----

  private SubmissionLedger ledger(Duration wait) {
    IntakeProperties settings = new IntakeProperties();
    settings.setConcurrentSubmissionWait(wait);
    settings.setOrphanAfter(ORPHAN_AFTER);
    return new SubmissionLedger(jdbc, clock, settings);
  }

  /** A fresh submission of {@code envelope}, as one channel call would carry it. */
  private static Submission submission(ObjectNode envelope) {
    ObjectNode copy = envelope.deepCopy();
    Submission submission =
        new Submission(
            EnvelopeHeader.read(copy), copy, Canonicalizer.digestHex(copy), "agency:kz-cpc");
    submission.caseToken("case.k1.aaaaaaaaaaaaaaaaaaaaaaaaaa");
    submission.outgoing("{}", "b".repeat(64));
    return submission;
  }

  /** Registration; the first then works a little and queues the message. */
  private Optional<OutboundRecord> registerAndQueueIfFirst(
      SubmissionLedger ledger, Submission submission) throws InterruptedException {
    Optional<OutboundRecord> earlier = ledger.register(submission);
    if (earlier.isEmpty()) {
      Thread.sleep(WINNER_WORK.toMillis());
      assertThat(ledger.transition(submission.messageId(), OutboundStatus.QUEUED, null)).isTrue();
    }
    return earlier;
  }

  /** The route's two ledger steps: the repeat check, then (after processing) registration. */
  private Optional<OutboundRecord> submitAsTheRouteDoes(
      SubmissionLedger ledger, Submission submission) throws InterruptedException {
    Optional<OutboundRecord> earlier = ledger.earlierAcceptance(submission);
    if (earlier.isPresent()) {
      return earlier;
    }
    Thread.sleep(2); // pseudonymization and signing
    return registerAndQueueIfFirst(ledger, submission);
  }

  /** Registers the message and leaves it unqueued until it is an orphan; its last change. */
  private Instant orphan(SubmissionLedger ledger, ObjectNode envelope) {
    assertThat(ledger.register(submission(envelope))).isEmpty();
    Instant left = ledger.find(Envelopes.messageId(envelope)).orElseThrow().updatedAt();
    clock.advance(ORPHAN_AFTER.plusSeconds(1));
    return left;
  }

  private List<Optional<OutboundRecord>> both(Callable<Optional<OutboundRecord>> task)
      throws Exception {
    List<Future<Optional<OutboundRecord>>> running =
        List.of(threads.submit(task), threads.submit(task));
    List<Optional<OutboundRecord>> outcomes = new ArrayList<>();
    for (Future<Optional<OutboundRecord>> outcome : running) {
      outcomes.add(outcome.get(20, TimeUnit.SECONDS));
    }
    return outcomes;
  }

  private void assertOneFirstAndOneRepeatOfTheQueuedMessage(
      List<Optional<OutboundRecord>> outcomes, ObjectNode envelope) {
    String messageId = Envelopes.messageId(envelope);
    assertThat(outcomes.stream().filter(Optional::isEmpty).count())
        .as("submissions that processed %s", messageId)
        .isEqualTo(1);
    OutboundRecord answered = outcomes.stream().flatMap(Optional::stream).findFirst().orElseThrow();
    assertThat(answered.messageId()).isEqualTo(messageId);
    assertThat(answered.status()).isEqualTo(OutboundStatus.QUEUED);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM outbound_message WHERE message_id = ?",
                Integer.class,
                messageId))
        .isEqualTo(1);
  }
}
