package org.kopir.gateway.deadletters;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Table {@code dead_letter_receipt}: the failed attempts of each receipt for the partner, and the
 * signed receipt once the broker parked it. A row without {@code dead_lettered_at} is a receipt
 * still being retried.
 */
@Component
public class ReceiptDeadLetterStore {

  private static final int FAILURE_LENGTH = 200;

  private final JdbcTemplate jdbc;

  public ReceiptDeadLetterStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Counts one failed attempt of the receipt for {@code messageId}. */
  public void failed(String messageId, String failure, Instant at) {
    String reason = truncate(failure);
    int updated =
        jdbc.update(
            "UPDATE dead_letter_receipt SET attempts = attempts + 1, last_failure = ?,"
                + " last_failed_at = ? WHERE message_id = ?",
            reason,
            Timestamp.from(at),
            messageId);
    if (updated == 0) {
      try {
        jdbc.update(
            "INSERT INTO dead_letter_receipt (message_id, last_failure, attempts, last_failed_at)"
                + " VALUES (?,?,1,?)",
            messageId,
            reason,
            Timestamp.from(at));
      } catch (DuplicateKeyException raced) {
        failed(messageId, failure, at);
      }
    }
  }

  /** The receipt reached the partner: its failures are forgotten. */
  /** Records which partner's receipts queue a parked receipt came from. */
  public void partner(String messageId, String partner) {
    jdbc.update(
        "UPDATE dead_letter_receipt SET partner = ? WHERE message_id = ?", partner, messageId);
  }

  /** The partner a parked receipt is for, when it was recorded. */
  public Optional<String> partnerOf(String messageId) {
    return jdbc
        .queryForList(
            "SELECT partner FROM dead_letter_receipt WHERE message_id = ?", String.class, messageId)
        .stream()
        .filter(java.util.Objects::nonNull)
        .findFirst();
  }

  public void forget(String messageId) {
    jdbc.update("DELETE FROM dead_letter_receipt WHERE message_id = ?", messageId);
  }

  /**
   * Parks the signed receipt with the attempts counted so far; parking it again (a redelivered dead
   * letter) refreshes the row. Answers the attempts recorded.
   */
  public int park(ParkedReceipt receipt, String reason, Instant at) {
    int updated =
        jdbc.update(
            "UPDATE dead_letter_receipt SET receipt_id = ?, outcome = ?, signed_receipt = ?,"
                + " reason = ?, dead_lettered_at = ? WHERE message_id = ?",
            receipt.receiptId(),
            receipt.outcome(),
            receipt.signedReceipt(),
            reason,
            Timestamp.from(at),
            receipt.messageId());
    if (updated == 0) {
      try {
        jdbc.update(
            "INSERT INTO dead_letter_receipt (message_id, receipt_id, outcome, signed_receipt,"
                + " reason, attempts, dead_lettered_at) VALUES (?,?,?,?,?,0,?)",
            receipt.messageId(),
            receipt.receiptId(),
            receipt.outcome(),
            receipt.signedReceipt(),
            reason,
            Timestamp.from(at));
      } catch (DuplicateKeyException raced) {
        return park(receipt, reason, at);
      }
    }
    return find(receipt.messageId()).map(DeadReceipt::attempts).orElse(0);
  }

  /** The parked receipt for {@code messageId}, if there is one. */
  public Optional<DeadReceipt> find(String messageId) {
    return jdbc
        .query(
            "SELECT message_id, receipt_id, outcome, reason, last_failure, attempts,"
                + " dead_lettered_at FROM dead_letter_receipt"
                + " WHERE message_id = ? AND dead_lettered_at IS NOT NULL",
            ReceiptDeadLetterStore::map,
            messageId)
        .stream()
        .findFirst();
  }

  /** The signed receipt as parked, for a replay. */
  public Optional<ParkedReceipt> parked(String messageId) {
    return jdbc
        .query(
            "SELECT message_id, receipt_id, outcome, signed_receipt FROM dead_letter_receipt"
                + " WHERE message_id = ? AND dead_lettered_at IS NOT NULL",
            (rs, i) ->
                new ParkedReceipt(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
            messageId)
        .stream()
        .findFirst();
  }

  /**
   * Unparks a receipt being replayed; false if it is not parked (another replay took it). The
   * delete is the lock: of two concurrent replays only one wins it.
   */
  public boolean unpark(String messageId) {
    return jdbc.update(
            "DELETE FROM dead_letter_receipt WHERE message_id = ? AND dead_lettered_at IS NOT NULL",
            messageId)
        == 1;
  }

  /** Puts back a receipt whose replay could not be queued, as it was. */
  public void restore(ParkedReceipt receipt, DeadReceipt row) {
    jdbc.update(
        "INSERT INTO dead_letter_receipt (message_id, receipt_id, outcome, signed_receipt, reason,"
            + " last_failure, attempts, dead_lettered_at) VALUES (?,?,?,?,?,?,?,?)",
        receipt.messageId(),
        receipt.receiptId(),
        receipt.outcome(),
        receipt.signedReceipt(),
        row.reason(),
        row.lastFailure(),
        row.attempts(),
        Timestamp.from(row.deadLetteredAt()));
  }

  /** Parked receipts, most recent first. */
  public List<DeadReceipt> page(int page, int size) {
    return jdbc.query(
        "SELECT message_id, receipt_id, outcome, reason, last_failure, attempts, dead_lettered_at"
            + " FROM dead_letter_receipt WHERE dead_lettered_at IS NOT NULL"
            + " ORDER BY dead_lettered_at DESC, message_id LIMIT ? OFFSET ?",
        ReceiptDeadLetterStore::map,
        size,
        (long) page * size);
  }

  public long count() {
    Long count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM dead_letter_receipt WHERE dead_lettered_at IS NOT NULL",
            Long.class);
    return count == null ? 0 : count;
  }

  private static DeadReceipt map(ResultSet rs, int row) throws SQLException {
    return new DeadReceipt(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getInt(6),
        rs.getTimestamp(7).toInstant());
  }

  private static String truncate(String text) {
    return text == null || text.length() <= FAILURE_LENGTH
        ? text
        : text.substring(0, FAILURE_LENGTH);
  }
}
