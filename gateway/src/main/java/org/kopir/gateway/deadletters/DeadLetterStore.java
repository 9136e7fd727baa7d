package org.kopir.gateway.deadletters;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kopir.gateway.intake.OutboundStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Table {@code dead_letter}: parked border forms, and the paged view joined with the ledger. */
@Component
public class DeadLetterStore {

  private static final int FAILURE_LENGTH = 200;

  private final JdbcTemplate jdbc;

  public DeadLetterStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Parks a message; parking it again (a redelivered dead letter) refreshes the row. */
  public void park(
      ParkedMessage message, String reason, String lastFailure, int attempts, Instant at) {
    String failure = truncate(lastFailure);
    try {
      jdbc.update(
          "INSERT INTO dead_letter (message_id, message_type, recipient_agency, priority,"
              + " envelope_digest, signed_message, reason, last_failure, attempts,"
              + " dead_lettered_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
          message.messageId(),
          message.messageType(),
          message.recipientAgency(),
          message.priority(),
          message.envelopeDigest(),
          message.signedMessage(),
          reason,
          failure,
          attempts,
          Timestamp.from(at));
    } catch (DuplicateKeyException parkedBefore) {
      jdbc.update(
          "UPDATE dead_letter SET signed_message = ?, reason = ?, last_failure = ?, attempts = ?,"
              + " dead_lettered_at = ? WHERE message_id = ?",
          message.signedMessage(),
          reason,
          failure,
          attempts,
          Timestamp.from(at),
          message.messageId());
    }
  }

  public Optional<ParkedMessage> find(String messageId) {
    return jdbc
        .query(
            "SELECT message_id, message_type, recipient_agency, priority, envelope_digest,"
                + " signed_message FROM dead_letter WHERE message_id = ?",
            (rs, i) ->
                new ParkedMessage(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6)),
            messageId)
        .stream()
        .findFirst();
  }

  /** Unparks a replayed message: it is on the outbound queue again. */
  public void remove(String messageId) {
    jdbc.update("DELETE FROM dead_letter WHERE message_id = ?", messageId);
  }

  /** Dead-lettered and refused messages, most recent first. */
  public List<DeadLetter> page(int page, int size) {
    return jdbc.query(
        "SELECT o.message_id, o.message_type, o.recipient_agency, o.status, o.status_reason,"
            + " d.last_failure, o.attempts, COALESCE(d.dead_lettered_at, o.updated_at) AS at"
            + " FROM outbound_message o LEFT JOIN dead_letter d ON d.message_id = o.message_id"
            + " WHERE o.status IN (?, ?) ORDER BY at DESC, o.message_id LIMIT ? OFFSET ?",
        DeadLetterStore::map,
        OutboundStatus.DEAD_LETTERED.name(),
        OutboundStatus.REFUSED.name(),
        size,
        (long) page * size);
  }

  public long count() {
    Long count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM outbound_message WHERE status IN (?, ?)",
            Long.class,
            OutboundStatus.DEAD_LETTERED.name(),
            OutboundStatus.REFUSED.name());
    return count == null ? 0 : count;
  }

  private static DeadLetter map(ResultSet rs, int row) throws SQLException {
    return new DeadLetter(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        OutboundStatus.valueOf(rs.getString(4)),
        rs.getString(5),
        rs.getString(6),
        rs.getInt(7),
        rs.getTimestamp(8).toInstant());
  }

  private static String truncate(String text) {
    return text == null || text.length() <= FAILURE_LENGTH
        ? text
        : text.substring(0, FAILURE_LENGTH);
  }
}
