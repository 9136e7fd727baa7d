package org.kopir.gateway.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditStore;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.broker.MessageHeaders;
import org.kopir.gateway.broker.QueueNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases what this node holds about one case (SPEC §13.4): the ledger rows of the messages it sent
 * and received, their dead letters and parked receipts, their link keys and what is left of them in
 * the agencies' inboxes. The audit records stay, pseudonymous, and the chain still verifies; the
 * erasure itself is audited once ({@code case.erased}) with counts and no identifiers.
 *
 * <p>It resumes after a crash: the counts are taken and stored before anything is removed, every
 * removal can be repeated, the audit record is written only if the trail does not hold it yet, and
 * the case is marked erased last, in the transaction that removes the rows.
 */
@Component
public class CaseErasure {

  /** Statuses of an outbound message still on its way: the case waits until they settle. */
  private static final List<String> IN_FLIGHT = List.of("RECEIVED", "QUEUED", "WAITING_FOR_RETRY");

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final CaseStore cases;
  private final JmsTemplate inboxes;
  private final QueueNames queues;
  private final AuditTrail audit;
  private final AuditStore auditRecords;
  private final Clock clock;
  private final ObjectMapper mapper = new ObjectMapper();

  public CaseErasure(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      CaseStore cases,
      JmsTemplate jmsTemplate,
      QueueNames queues,
      AuditTrail audit,
      AuditStore auditRecords,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.cases = cases;
    this.inboxes = new JmsTemplate(jmsTemplate.getConnectionFactory());
    // Artemis answers a no-wait receive only after asking the broker to deliver (forced delivery),
    // so an item in the queue is found without waiting for a timeout.
    this.inboxes.setReceiveTimeout(JmsTemplate.RECEIVE_TIMEOUT_NO_WAIT);
    this.queues = queues;
    this.audit = audit;
    this.auditRecords = auditRecords;
    this.clock = clock;
  }

  /** What an erasure removes, by kind. */
  public record Counts(
      int messagesSent,
      int messagesReceived,
      int inboxItems,
      int linkKeys,
      int deadLetters,
      int parkedReceipts) {}

  /**
   * Erases the case now, unless one of its outbound messages is still on its way (then the next
   * pass tries again) or it is already erased.
   *
   * @return true when the case is erased
   */
  public boolean erase(String key) {
    CaseState state = cases.state(key).orElse(null);
    if (state == null || state.erased()) {
      return state != null;
    }
    Set<String> members = cases.members(key);
    String in = CaseStore.placeholders(members.size());
    Object[] tokens = members.toArray();
    if (count(
            "SELECT COUNT(*) FROM outbound_message WHERE case_token IN ("
                + in
                + ") AND status IN (?,?,?)",
            concat(tokens, IN_FLIGHT.toArray()))
        > 0) {
      return false;
    }
    if (count(
            "SELECT COUNT(*) FROM inbound_message WHERE case_token IN ("
                + in
                + ") AND status = 'RECEIVED'",
            tokens)
        > 0) {
      // A delivery between registration and the inbox: its route still needs the row.
      return false;
    }
    List<String> sent =
        ids("SELECT message_id FROM outbound_message WHERE case_token IN (" + in + ")", tokens);
    List<Map<String, Object>> received =
        jdbc.queryForList(
            "SELECT message_id, recipient_agency, status FROM inbound_message"
                + " WHERE case_token IN ("
                + in
                + ") ORDER BY message_id",
            tokens);
    List<String> receivedIds =
        received.stream().map(row -> (String) row.get("message_id")).toList();
    Counts counts = storedCounts(key).orElse(null);
    if (counts == null) {
      counts = count(sent, received, receivedIds);
      storeCounts(key, counts);
    }
    Map<String, List<String>> leftovers = new java.util.TreeMap<>();
    for (Map<String, Object> row : received) {
      if (!"RETRIEVED".equals(row.get("status"))) {
        leftovers
            .computeIfAbsent((String) row.get("recipient_agency"), agency -> new ArrayList<>())
            .add((String) row.get("message_id"));
      }
    }
    leftovers.forEach(this::removeFromInbox);
    if (auditRecords.byCaseToken(key, AuditEvent.CASE_ERASED).isEmpty()) {
      audit.record(
          AuditEntry.of(AuditEvent.CASE_ERASED)
              .caseToken(key)
              .actor("node")
              .detail("reason", state.erasureReason())
              .detail("messagesSent", counts.messagesSent())
              .detail("messagesReceived", counts.messagesReceived())
              .detail("inboxItems", counts.inboxItems())
              .detail("linkKeys", counts.linkKeys())
              .detail("deadLetters", counts.deadLetters())
              .detail("parkedReceipts", counts.parkedReceipts())
              .build());
    }
    transactions.executeWithoutResult(
        status -> {
          deleteByIds("DELETE FROM link_key WHERE message_id IN (%s)", receivedIds);
          deleteByIds("DELETE FROM dead_letter_receipt WHERE message_id IN (%s)", receivedIds);
          deleteByIds("DELETE FROM dead_letter WHERE message_id IN (%s)", sent);
          deleteByIds("DELETE FROM outbound_message WHERE message_id IN (%s)", sent);
          deleteByIds("DELETE FROM inbound_message WHERE message_id IN (%s)", receivedIds);
          jdbc.update(
              "UPDATE case_state SET erased_at = ?, consent_scope = NULL, updated_at = ?"
                  + " WHERE case_key = ?",
              Timestamp.from(clock.instant()),
              Timestamp.from(clock.instant()),
              key);
        });
    return true;
  }

  private Counts count(List<String> sent, List<Map<String, Object>> received, List<String> ids) {
    int inboxItems =
        (int) received.stream().filter(row -> !"RETRIEVED".equals(row.get("status"))).count();
    return new Counts(
        sent.size(),
        received.size(),
        inboxItems,
        countByIds("SELECT COUNT(*) FROM link_key WHERE message_id IN (%s)", ids),
        countByIds("SELECT COUNT(*) FROM dead_letter WHERE message_id IN (%s)", sent),
        countByIds("SELECT COUNT(*) FROM dead_letter_receipt WHERE message_id IN (%s)", ids));
  }

  private java.util.Optional<Counts> storedCounts(String key) {
    List<String> stored =
        jdbc.queryForList(
            "SELECT erasure_counts FROM case_state WHERE case_key = ? AND erasure_counts IS NOT NULL",
            String.class,
            key);
    if (stored.isEmpty()) {
      return java.util.Optional.empty();
    }
    try {
      JsonNode node = mapper.readTree(stored.get(0));
      return java.util.Optional.of(mapper.treeToValue(node, Counts.class));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable erasure counts of a case", e);
    }
  }

  private void storeCounts(String key, Counts counts) {
    ObjectNode json = mapper.valueToTree(counts);
    jdbc.update(
        "UPDATE case_state SET erasure_counts = ? WHERE case_key = ? AND erasure_counts IS NULL",
        json.toString(),
        key);
  }

  /**
   * Takes the items of {@code messageIds} out of the agency's inbox; ids are UUIDs from the ledger.
   */
  private void removeFromInbox(String agency, List<String> messageIds) {
    String selector =
        MessageHeaders.MESSAGE_ID
            + " IN ("
            + String.join(",", messageIds.stream().map(id -> "'" + id + "'").toList())
            + ")";
    while (inboxes.receiveSelected(queues.agencyInbox(agency), selector) != null) {
      // Every item goes, a redelivered copy too.
    }
  }

  private int countByIds(String sql, List<String> ids) {
    return ids.isEmpty()
        ? 0
        : count(String.format(sql, CaseStore.placeholders(ids.size())), ids.toArray());
  }

  private void deleteByIds(String sql, List<String> ids) {
    if (!ids.isEmpty()) {
      jdbc.update(String.format(sql, CaseStore.placeholders(ids.size())), ids.toArray());
    }
  }

  private int count(String sql, Object... args) {
    Integer value = jdbc.queryForObject(sql, Integer.class, args);
    return value == null ? 0 : value;
  }

  private List<String> ids(String sql, Object... args) {
    return new ArrayList<>(jdbc.queryForList(sql, String.class, args));
  }

  private static Object[] concat(Object[] first, Object[] second) {
    Object[] all = new Object[first.length + second.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }
}
