package org.kopir.gateway.intake;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.json.IntakeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sending node's ledger of accepted messages: idempotency by {@code messageId} and the outbound
 * status (SPEC §5). It stores identifiers, digests and pseudonyms only.
 *
 * <p>Several submissions of one message may run at once, on one node or on replicas sharing the
 * database. The ledger row decides: the submission whose insert created it processes and queues the
 * message; any other waits until the row leaves {@code RECEIVED} and answers what it shows. While a
 * row is {@code RECEIVED}, its {@code updated_at} is the claim of the submission working on it. A
 * row left {@code RECEIVED} longer than {@code kopir.intake.orphan-after} is an orphan (that
 * submission died before queueing): one new submission takes it over with a compare-and-set of
 * {@code updated_at} and processes the message again. A submission that failed before queueing
 * without dying (the broker refused the send) releases its claim at once: the row keeps {@code
 * RECEIVED} with the failure's code as reason, and counts as an orphan from then on.
 */
@Component
public class SubmissionLedger {

  private static final String COLUMNS =
      "message_id, content_digest, envelope_digest, message_type, sender_agency,"
          + " recipient_agency, case_token, priority, status, status_reason, attempts, created_at,"
          + " updated_at";

  /** Rounds of register before giving up when the row keeps vanishing under it. */
  private static final int REGISTER_ROUNDS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(SubmissionLedger.class);

  private static final long FIRST_PAUSE_MILLIS = 10;
  private static final long LONGEST_PAUSE_MILLIS = 200;

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final IntakeProperties settings;

  public SubmissionLedger(JdbcTemplate jdbc, Clock clock, IntakeProperties settings) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.settings = settings;
  }

  public Optional<OutboundRecord> find(String messageId) {
    List<OutboundRecord> rows =
        jdbc.query(
            "SELECT " + COLUMNS + " FROM outbound_message WHERE message_id = ?",
            SubmissionLedger::map,
            messageId);
    return rows.stream().findFirst();
  }

  /**
   * The earlier acceptance of the same message, if any (SPEC §5.6). A message whose content differs
   * from the earlier one under the same id is refused with {@code DUPLICATE_ID}. One that another
   * submission recorded but has not queued yet is waited for, see {@link #register}.
   *
   * @return the record to answer with; empty when this submission is to process the message: no
   *     submission recorded it, or this one took over an orphan (and holds its claim)
   */
  public Optional<OutboundRecord> earlierAcceptance(Submission submission) {
    return earlierAcceptance(submission, () -> {});
  }

  /**
   * As {@link #earlierAcceptance(Submission)}; {@code whenRecorded} runs first when a row of the
   * message is there, before this submission looks at it and perhaps waits.
   */
  public Optional<OutboundRecord> earlierAcceptance(Submission submission, Runnable whenRecorded) {
    Optional<OutboundRecord> existing = find(submission.messageId());
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    whenRecorded.run();
    return outcome(submission, existing.get());
  }

  /**
   * Records a processed submission as RECEIVED before it is queued: the insert, or for a submission
   * that took over an orphan the renewal of its claim. When another submission of the same message
   * holds the row, this one waits up to {@code kopir.intake.concurrent-submission-wait} for it to
   * leave {@code RECEIVED} and returns it then; a row that becomes an orphan meanwhile is taken
   * over; a row still held after the wait is refused with {@code SUBMISSION_IN_PROGRESS}.
   *
   * @return empty when this submission registered the message and is to queue it; otherwise the
   *     record of the submission that did, to answer as a repeat
   */
  public Optional<OutboundRecord> register(Submission submission) {
    if (submission.ledgerClaim() != null) {
      if (renewClaim(submission)) {
        return Optional.empty();
      }
      // taken over by another submission while this one was slower than orphan-after
      submission.ledgerClaim(null);
    }
    for (int round = 0; round < REGISTER_ROUNDS; round++) {
      if (insert(submission)) {
        return Optional.empty();
      }
      Optional<OutboundRecord> existing = find(submission.messageId());
      if (existing.isPresent()) {
        Optional<OutboundRecord> earlier = outcome(submission, existing.get());
        if (earlier.isPresent() || submission.ledgerClaim() != null) {
          return earlier;
        }
      }
      // the row went away in between (an erased case): insert again
    }
    throw inProgress();
  }

  /**
   * What this submission does about a row of its message: answer with it once it left RECEIVED,
   * take it over when it is an orphan, or wait for the submission that holds it, at most
   * concurrent-submission-wait.
   */
  private Optional<OutboundRecord> outcome(Submission submission, OutboundRecord seen) {
    long deadline = System.nanoTime() + settings.getConcurrentSubmissionWait().toNanos();
    long pause = FIRST_PAUSE_MILLIS;
    OutboundRecord record = seen;
    while (true) {
      if (!record.contentDigest().equals(submission.contentDigest())) {
        throw new KopirException(
            ErrorCode.DUPLICATE_ID,
            "A different message was already accepted under this messageId.");
      }
      if (record.status() != OutboundStatus.RECEIVED) {
        return Optional.of(record);
      }
      if (orphaned(record) && takeOver(submission, record)) {
        return Optional.empty();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw inProgress();
      }
      pause(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
      pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
      Optional<OutboundRecord> now = find(record.messageId());
      if (now.isEmpty()) {
        return Optional.empty();
      }
      record = now.get();
    }
  }

  private boolean orphaned(OutboundRecord record) {
    return record.statusReason() != null
        || record.updatedAt().isBefore(clock.instant().minus(settings.getOrphanAfter()));
  }

  /**
   * Releases the claim of a submission that failed before its message was queued, so that the next
   * submission of the message takes it over at once instead of after {@code orphan-after}. Does
   * nothing for a submission that holds no claim, or whose message left {@code RECEIVED} (queued
   * after all) or was taken over meanwhile.
   *
   * @param reason the failure's code, kept as the row's reason until a submission takes it over
   */
  public void release(Submission submission, String reason) {
    if (submission == null || submission.ledgerClaim() == null) {
      return;
    }
    int released =
        jdbc.update(
            "UPDATE outbound_message SET status_reason = ?"
                + " WHERE message_id = ? AND status = ? AND updated_at = ?",
            reason,
            submission.messageId(),
            OutboundStatus.RECEIVED.name(),
            Timestamp.from(submission.ledgerClaim()));
    if (released == 1) {
      LOG.info(
          "Message {} recorded but not queued ({}): released for its next submission",
          submission.messageId(),
          reason);
    }
  }

  /** The compare-and-set that lets exactly one of several submissions take over an orphan. */
  private boolean takeOver(Submission submission, OutboundRecord orphan) {
    Instant claim = now();
    if (moveClaim(orphan.messageId(), orphan.updatedAt(), claim)) {
      LOG.info(
          "Message {} recorded but not queued since {}: taken over and processed again",
          orphan.messageId(),
          orphan.updatedAt());
      submission.ledgerClaim(claim);
      return true;
    }
    return false;
  }

  /** Refreshes the claim of a submission that took over an orphan, if it still holds it. */
  private boolean renewClaim(Submission submission) {
    Instant claim = now();
    if (moveClaim(submission.messageId(), submission.ledgerClaim(), claim)) {
      submission.ledgerClaim(claim);
      return true;
    }
    return false;
  }

  private boolean moveClaim(String messageId, Instant from, Instant to) {
    return jdbc.update(
            "UPDATE outbound_message SET updated_at = ?, status_reason = NULL"
                + " WHERE message_id = ? AND status = ? AND updated_at = ?",
            Timestamp.from(to),
            messageId,
            OutboundStatus.RECEIVED.name(),
            Timestamp.from(from))
        == 1;
  }

  /** Inserts the row; false when a row of the message is there already. */
  private boolean insert(Submission submission) {
    try {
      insertNew(submission);
      return true;
    } catch (DuplicateKeyException raced) {
      return false;
    }
  }

  /**
   * Inserts the row of a message seen for the first time, joining the caller's transaction if there
   * is one (a step of the audit trail's batch, which undoes a failed step alone).
   *
   * @throws DuplicateKeyException when a row of the message is there already; nothing is changed
   */
  void insertNew(Submission submission) {
    Instant now = now();
    jdbc.update(
        "INSERT INTO outbound_message ("
            + COLUMNS
            + ", response_timeframe) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        submission.messageId(),
        submission.contentDigest(),
        submission.envelopeDigest(),
        submission.header().messageType(),
        submission.header().senderAgency(),
        submission.header().recipientAgency(),
        submission.caseToken(),
        submission.header().priority(),
        OutboundStatus.RECEIVED.name(),
        null,
        0,
        Timestamp.from(now),
        Timestamp.from(now),
        responseTimeframe(submission));
    submission.ledgerClaim(now);
  }

  /** The clock at the precision the database keeps, so that a claim compares equal to itself. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static KopirException inProgress() {
    return new KopirException(
        ErrorCode.SUBMISSION_IN_PROGRESS,
        "Another submission of this message is still being processed; submit it again shortly.");
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw inProgress();
    }
  }

  /**
   * The response timeframe a request asks for (an operational code such as {@code 1-day}), kept so
   * the overdue watch can tell when the answer is late; null for message types without one.
   */
  private static String responseTimeframe(Submission submission) {
    return submission.envelope().path("payload").path("responseTimeframe").textValue();
  }

  /**
   * Moves a message to {@code DELIVERED} (unless it is already in a later or final status) and
   * records the digest of the signed form the partner acknowledged, in one statement. A message
   * processed again after its first processing was cut off (a replica or node killed between
   * recording and queueing) is signed anew; whichever form reached the queue first is the one
   * delivered (the broker drops the other by its duplicate id), and its digest is the one later
   * receipts name. The digest is recorded whatever the status.
   */
  public void delivered(String messageId, String envelopeDigest) {
    List<String> allowedFrom = allowedFrom(OutboundStatus.DELIVERED);
    String movable = "status IN (" + placeholders(allowedFrom) + ")";
    List<Object> args = new ArrayList<>();
    args.add(envelopeDigest);
    args.addAll(allowedFrom);
    args.add(OutboundStatus.DELIVERED.name());
    args.addAll(allowedFrom);
    args.addAll(allowedFrom);
    args.add(Timestamp.from(clock.instant()));
    args.add(messageId);
    jdbc.update(
        "UPDATE outbound_message SET envelope_digest = ?,"
            + (" status = CASE WHEN " + movable + " THEN ? ELSE status END,")
            + (" status_reason = CASE WHEN " + movable + " THEN NULL ELSE status_reason END,")
            + (" updated_at = CASE WHEN " + movable + " THEN ? ELSE updated_at END")
            + " WHERE message_id = ?",
        args.toArray());
  }

  /**
   * The submission that registered the message has put it on its outbound queue: {@code RECEIVED}
   * becomes {@code QUEUED}. A message whose consumer took it further first (an attempt failed, it
   * was parked as a dead letter, delivered or refused) keeps that status.
   */
  public boolean queued(String messageId) {
    return move(messageId, OutboundStatus.QUEUED, null, List.of(OutboundStatus.RECEIVED.name()));
  }

  /** Moves a message to {@code target} unless it is already in a later or final status. */
  public boolean transition(String messageId, OutboundStatus target, String reason) {
    return move(messageId, target, reason, allowedFrom(target));
  }

  /** Moves a message to {@code target} if its status is one of {@code allowedFrom}. */
  private boolean move(
      String messageId, OutboundStatus target, String reason, List<String> allowedFrom) {
    if (allowedFrom.isEmpty()) {
      return false;
    }
    List<Object> args = new ArrayList<>();
    args.add(target.name());
    args.add(reason);
    args.add(Timestamp.from(clock.instant()));
    args.add(messageId);
    args.addAll(allowedFrom);
    return jdbc.update(
            "UPDATE outbound_message SET status = ?, status_reason = ?, updated_at = ?"
                + " WHERE message_id = ? AND status IN ("
                + placeholders(allowedFrom)
                + ")",
            args.toArray())
        == 1;
  }

  /** The statuses from which a message may move to {@code target}. */
  private static List<String> allowedFrom(OutboundStatus target) {
    return switch (target) {
      case QUEUED -> List.of("RECEIVED", "WAITING_FOR_RETRY", "DEAD_LETTERED");
      case WAITING_FOR_RETRY -> List.of("QUEUED", "WAITING_FOR_RETRY");
      case DELIVERED -> List.of("RECEIVED", "QUEUED", "WAITING_FOR_RETRY", "DEAD_LETTERED");
      case RETRIEVED ->
          List.of("RECEIVED", "QUEUED", "WAITING_FOR_RETRY", "DELIVERED", "DEAD_LETTERED");
      case DEAD_LETTERED, REFUSED -> List.of("RECEIVED", "QUEUED", "WAITING_FOR_RETRY");
      case RECEIVED, REJECTED -> List.of();
    };
  }

  private static String placeholders(List<String> values) {
    return String.join(",", values.stream().map(v -> "?").toList());
  }

  /** Counts one forwarding attempt. */
  public void countAttempt(String messageId) {
    jdbc.update(
        "UPDATE outbound_message SET attempts = attempts + 1, updated_at = ? WHERE message_id = ?",
        Timestamp.from(clock.instant()),
        messageId);
  }

  private static OutboundRecord map(ResultSet rs, int row) throws SQLException {
    return new OutboundRecord(
        rs.getString("message_id"),
        rs.getString("content_digest"),
        rs.getString("envelope_digest"),
        rs.getString("message_type"),
        rs.getString("sender_agency"),
        rs.getString("recipient_agency"),
        rs.getString("case_token"),
        rs.getString("priority"),
        OutboundStatus.valueOf(rs.getString("status")),
        rs.getString("status_reason"),
        rs.getInt("attempts"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
