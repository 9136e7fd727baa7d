package org.kopir.gateway.links;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Remembers the link keys of received messages so a returning child is noticed (SPEC §6). */
@Component
public class LinkKeyStore {

  /**
   * {@code pid|ndb . kid . 26 base32 characters}, the kid as a key file may name it (lowercase
   * letters, digits, '-' or '_'; up to 32 characters), so that links keep working after a rotation
   * to any valid kid.
   */
  public static final Pattern LINK_KEY =
      Pattern.compile("(pid|ndb)\\.[a-z0-9][a-z0-9_-]{0,31}\\.[a-z2-7]{26}");

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public LinkKeyStore(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** A message that carried a link key. */
  public record LinkedMessage(
      String messageId,
      String messageType,
      String caseToken,
      String recipientAgency,
      String receivedAt) {}

  /**
   * Records the link keys of a received envelope's header ({@code header.linkKeys}) in one
   * transaction (one commit however many keys the message carries); a key already recorded for the
   * message is skipped, so recording again after a crash adds nothing.
   */
  public void record(JsonNode envelope, String caseToken) {
    JsonNode header = envelope.path("header");
    String messageId = header.path("messageId").asText();
    Timestamp now = Timestamp.from(clock.instant());
    List<Object[]> rows = new ArrayList<>();
    for (JsonNode key : header.path("linkKeys")) {
      if (!key.isTextual() || !LINK_KEY.matcher(key.asText()).matches()) {
        continue;
      }
      rows.add(
          new Object[] {
            key.asText(),
            messageId,
            header.path("messageType").asText(),
            caseToken,
            header.path("recipient").path("agency").asText(),
            now,
            key.asText(),
            messageId
          });
    }
    if (rows.isEmpty()) {
      return;
    }
    transactions.executeWithoutResult(
        status ->
            jdbc.batchUpdate(
                "INSERT INTO link_key (link_key, message_id, message_type, case_token,"
                    + " recipient_agency, received_at) SELECT ?,?,?,?,?,? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM link_key WHERE link_key = ? AND message_id = ?)",
                rows));
  }

  /** Messages that carried {@code linkKey}, oldest first; for one agency, or all when null. */
  public List<LinkedMessage> find(String linkKey, String recipientAgency) {
    String sql =
        "SELECT message_id, message_type, case_token, recipient_agency, received_at FROM link_key"
            + " WHERE link_key = ?"
            + (recipientAgency == null ? "" : " AND recipient_agency = ?")
            + " ORDER BY received_at, message_id";
    Object[] args =
        recipientAgency == null ? new Object[] {linkKey} : new Object[] {linkKey, recipientAgency};
    return jdbc.query(
        sql,
        (rs, i) ->
            new LinkedMessage(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant().toString()),
        args);
  }
}
