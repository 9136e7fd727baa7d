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
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The receiving node's ledger: each {@code messageId} once, by unique key, with the receipt that
 * answered it, so a repeated delivery gets the original receipt (SPEC §5).
 */
@Component
public class InboxLedger {

  private final JdbcTemplate jdbc;

  /** Its own transaction, or a savepoint within the caller's (the audit trail's batch). */
  private final TransactionTemplate nested;

  /** Its own transaction, or joins the caller's. */
  private final TransactionTemplate transactions;

  private final Clock clock;

  public InboxLedger(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.transactions = transactions;
    this.nested = new TransactionTemplate(transactions.getTransactionManager());
    nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
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

  /**
   * The outcome of registering a message: the receipt that already answered it, if any, and whether
   * the row was already there without being enqueued (an earlier delivery stopped between
   * registering and marking it enqueued, or is still running).
   */
  public record Registration(Optional<String> earlierReceipt, boolean resumed) {
    static final Registration FIRST = new Registration(Optional.empty(), false);
  }

  /**
   * Stores the message's row before it is enqueued; a lost race returns the earlier receipt. {@code
   * withFirst} runs only for the delivery that stores the row, in the same transaction, so that the
   * row and what it writes (the message's link keys) commit together, once.
   */
  public Registration register(InboundDelivery delivery, String receipt, Runnable withFirst) {
    Registration registration =
        transactions.execute(
            status -> {
              if (!insert(delivery, receipt)) {
                return null;
              }
              withFirst.run();
              return Registration.FIRST;
            });
    if (registration != null) {
      return registration;
    }
    Optional<Entry> existing = find(delivery.header().messageId());
    if (existing.isPresent() && existing.get().status() == InboundStatus.RECEIVED) {
      return new Registration(Optional.empty(), true);
    }
    return new Registration(
        earlierReceipt(delivery.header().messageId(), delivery.envelopeDigest()), false);
  }

  /**
   * The row, in a savepoint: a duplicate key is undone alone (on PostgreSQL it would otherwise
   * abort the transaction); false when the message's row is there already.
   */
  private boolean insert(InboundDelivery delivery, String receipt) {
    try {
      nested.executeWithoutResult(status -> insertRow(delivery, receipt));
      return true;
    } catch (DuplicateKeyException raced) {
      return false;
    }
  }

  private void insertRow(InboundDelivery delivery, String receipt) {
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

  /**
   * Marks a registered message enqueued. {@code whileReceived} runs only if no other delivery of
   * the message has marked it yet, under the row's lock, so what it records happens once per
   * message however many deliveries race; if it fails, the mark is undone and the row stays
   * RECEIVED. Called within a transaction (a step of the audit trail's batch), it is a savepoint of
   * that transaction and commits with it.
   *
   * <p>The mark is one conditional update: it locks the row until the transaction ends, and a
   * delivery that waited for another's lock finds the row marked and changes nothing (no {@code
   * SELECT … FOR UPDATE}, which H2 would parse anew at every delivery).
   *
   * @return whether this call marked the message
   */
  public boolean markEnqueued(String messageId, Runnable whileReceived) {
    Boolean marked =
        nested.execute(
            status -> {
              int changed =
                  jdbc.update(
                      "UPDATE inbound_message SET status = ? WHERE message_id = ? AND status = ?",
                      InboundStatus.ENQUEUED.name(),
                      messageId,
                      InboundStatus.RECEIVED.name());
              if (changed == 0) {
                return false;
              }
              whileReceived.run();
              return true;
            });
    return Boolean.TRUE.equals(marked);
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
