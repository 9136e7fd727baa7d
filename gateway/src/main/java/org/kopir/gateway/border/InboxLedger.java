package org.kopir.gateway.border;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The receiving node's ledger: each {@code messageId} once, by unique key, with the receipt that
 * answered it, so a repeated delivery gets the original receipt (SPEC §5).
 */
@Component
public class InboxLedger {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public InboxLedger(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * A stored row for this message; {@code senderNode} is {@code null} for messages stored before
   * nodes had more than one partner.
   */
  public record Entry(
      String messageId,
      String envelopeDigest,
      String recipientAgency,
      InboundStatus status,
      String receipt,
      String senderAgency,
      String senderNode) {}

  public Optional<Entry> find(String messageId) {
    List<Entry> rows =
        jdbc.query(
            "SELECT message_id, envelope_digest, recipient_agency, status, receipt,"
                + " sender_agency, sender_node FROM inbound_message WHERE message_id = ?",
            (rs, i) ->
                new Entry(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    InboundStatus.valueOf(rs.getString(4)),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7)),
            messageId);
    return rows.stream().findFirst();
  }

  /**
   * The receipt that already answered this message, if it was enqueued; refuses another message
   * under the same id with {@code DUPLICATE_ID}.
   */
  public Optional<String> earlierReceipt(String messageId, String envelopeDigest) {
    Optional<Entry> existing = find(messageId);
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    if (!existing.get().envelopeDigest().equals(envelopeDigest)) {
      throw new KopirException(
          ErrorCode.DUPLICATE_ID, "A different message was already delivered under this id.");
    }
    return existing.get().status() == InboundStatus.RECEIVED
        ? Optional.empty()
        : Optional.of(existing.get().receipt());
  }

  /** Stores the message's row before it is enqueued; a lost race returns the earlier receipt. */
  public Optional<String> register(InboundDelivery delivery, String receipt) {
    try {
      jdbc.update(
          "INSERT INTO inbound_message (message_id, envelope_digest, message_type, sender_agency,"
              + " recipient_agency, case_token, status, receipt, received_at, correlation_id,"
              + " sender_node) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
          delivery.header().messageId(),
          delivery.envelopeDigest(),
          delivery.header().messageType(),
          delivery.header().senderAgency(),
          delivery.header().recipientAgency(),
          delivery.caseToken(),
          InboundStatus.RECEIVED.name(),
          receipt,
          Timestamp.from(clock.instant()),
          correlationId(delivery),
          delivery.senderNode());
      return Optional.empty();
    } catch (DuplicateKeyException raced) {
      Optional<Entry> existing = find(delivery.header().messageId());
      if (existing.isPresent() && existing.get().status() == InboundStatus.RECEIVED) {
        return Optional.empty();
      }
      return earlierReceipt(delivery.header().messageId(), delivery.envelopeDigest());
    }
  }

  /** Which earlier message this one answers (header.correlationId), so overdue answers show. */
  private static String correlationId(InboundDelivery delivery) {
    String id =
        delivery.signedMessage().path("envelope").path("header").path("correlationId").textValue();
    return id != null && id.length() <= 36 ? id : null;
  }

  /** The stored receipt of a registered message (it is reused when the row pre-existed). */
  public String receiptOf(String messageId) {
    return find(messageId).map(Entry::receipt).orElseThrow();
  }

  public void markEnqueued(String messageId) {
    jdbc.update(
        "UPDATE inbound_message SET status = ? WHERE message_id = ? AND status = ?",
        InboundStatus.ENQUEUED.name(),
        messageId,
        InboundStatus.RECEIVED.name());
  }

  public boolean markRetrieved(String messageId) {
    return jdbc.update(
            "UPDATE inbound_message SET status = ?, retrieved_at = ? WHERE message_id = ?"
                + " AND status = ?",
            InboundStatus.RETRIEVED.name(),
            Timestamp.from(clock.instant()),
            messageId,
            InboundStatus.ENQUEUED.name())
        == 1;
  }
}
