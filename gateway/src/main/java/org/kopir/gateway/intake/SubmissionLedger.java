package org.kopir.gateway.intake;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sending node's ledger of accepted messages: idempotency by {@code messageId} and the outbound
 * status (SPEC §5). It stores identifiers, digests and pseudonyms only.
 */
@Component
public class SubmissionLedger {

  private static final String COLUMNS =
      "message_id, content_digest, envelope_digest, message_type, sender_agency,"
          + " recipient_agency, case_token, priority, status, status_reason, attempts, created_at,"
          + " updated_at";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public SubmissionLedger(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
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
   * The earlier acceptance of the same message, if any. A message whose content differs from the
   * earlier one under the same id is refused with {@code DUPLICATE_ID}; one that was recorded but
   * never queued (the node stopped in between) is not a repeat and is processed again.
   */
  public Optional<OutboundRecord> earlierAcceptance(String messageId, String contentDigest) {
    Optional<OutboundRecord> existing = find(messageId);
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    OutboundRecord record = existing.get();
    if (!record.contentDigest().equals(contentDigest)) {
      throw new KopirException(
          ErrorCode.DUPLICATE_ID, "A different message was already accepted under this messageId.");
    }
    return record.status() == OutboundStatus.RECEIVED ? Optional.empty() : existing;
  }

  /**
   * Records a processed submission as RECEIVED before it is queued. Returns the earlier record when
   * a concurrent submission of the same message won the race.
   */
  public Optional<OutboundRecord> register(Submission submission) {
    Instant now = clock.instant();
    try {
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
      return Optional.empty();
    } catch (DuplicateKeyException raced) {
      return earlierAcceptance(submission.messageId(), submission.contentDigest());
    }
  }

  /**
   * The response timeframe a request asks for (an operational code such as {@code 1-day}), kept so
   * the overdue watch can tell when the answer is late; null for message types without one.
   */
  private static String responseTimeframe(Submission submission) {
    return submission.envelope().path("payload").path("responseTimeframe").textValue();
  }

  /** Moves a message to {@code target} unless it is already in a later or final status. */
  public boolean transition(String messageId, OutboundStatus target, String reason) {
    List<String> allowedFrom =
        switch (target) {
          case QUEUED -> List.of("RECEIVED", "WAITING_FOR_RETRY", "DEAD_LETTERED");
          case WAITING_FOR_RETRY -> List.of("QUEUED", "WAITING_FOR_RETRY");
          case DELIVERED -> List.of("RECEIVED", "QUEUED", "WAITING_FOR_RETRY", "DEAD_LETTERED");
          case RETRIEVED ->
              List.of("RECEIVED", "QUEUED", "WAITING_FOR_RETRY", "DELIVERED", "DEAD_LETTERED");
          case DEAD_LETTERED, REFUSED -> List.of("RECEIVED", "QUEUED", "WAITING_FOR_RETRY");
          case RECEIVED, REJECTED -> List.of();
        };
    if (allowedFrom.isEmpty()) {
      return false;
    }
    String placeholders = String.join(",", allowedFrom.stream().map(s -> "?").toList());
    Object[] args = new Object[4 + allowedFrom.size()];
    args[0] = target.name();
    args[1] = reason;
    args[2] = Timestamp.from(clock.instant());
    args[3] = messageId;
    for (int i = 0; i < allowedFrom.size(); i++) {
      args[4 + i] = allowedFrom.get(i);
    }
    return jdbc.update(
            "UPDATE outbound_message SET status = ?, status_reason = ?, updated_at = ?"
                + " WHERE message_id = ? AND status IN ("
                + placeholders
                + ")",
            args)
        == 1;
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
