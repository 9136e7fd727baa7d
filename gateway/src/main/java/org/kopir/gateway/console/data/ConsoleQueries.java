package org.kopir.gateway.console.data;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.kopir.gateway.audit.AuditRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The console's read-only SQL over the audit, ledgers, dead letters and link keys. Every value from
 * a person is a bound parameter; limits are fixed by the caller.
 */
@Component
public class ConsoleQueries {

  private static final String RECORD_COLUMNS =
      "seq, recorded_at, node, event, message_id, message_type, case_token, actor, outcome,"
          + " detail, prev_hash, hash";

  private final JdbcTemplate jdbc;
  private final boolean postgres;

  public ConsoleQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.postgres =
        Boolean.TRUE.equals(
            jdbc.execute(
                (java.sql.Connection c) ->
                    c.getMetaData()
                        .getDatabaseProductName()
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains("postgres")));
  }

  // ---- audit ---------------------------------------------------------------------------------

  /**
   * A page of {@code size} records matching {@code filter}, newest first: below seq {@code before}
   * when given, else above seq {@code after} when given, else from the newest.
   */
  public AuditSlice searchAudit(AuditFilter filter, Long before, Long after, int size) {
    List<Object> parameters = new ArrayList<>();
    List<String> conditions = conditions(filter, parameters);
    boolean ascending = before == null && after != null;
    if (before != null) {
      conditions.add("seq < ?");
      parameters.add(before);
    } else if (after != null) {
      conditions.add("seq > ?");
      parameters.add(after);
    }
    String sql =
        "SELECT "
            + RECORD_COLUMNS
            + " FROM audit_record"
            + where(conditions)
            + " ORDER BY seq "
            + (ascending ? "ASC" : "DESC")
            + " LIMIT "
            + (size + 1);
    List<AuditRecord> found = jdbc.query(sql, ConsoleQueries::record, parameters.toArray());
    boolean more = found.size() > size;
    List<AuditRecord> page = new ArrayList<>(found.subList(0, Math.min(size, found.size())));
    if (ascending) {
      Collections.reverse(page);
    }
    if (page.isEmpty()) {
      return new AuditSlice(page, null, null);
    }
    long newest = page.get(0).seq();
    long oldest = page.get(page.size() - 1).seq();
    Long older;
    Long newer;
    if (ascending) {
      newer = more ? newest : null;
      older = oldest;
    } else {
      older = more ? oldest : null;
      newer = before == null ? null : newest;
    }
    return new AuditSlice(page, older, newer);
  }

  /** Streams every record matching {@code filter} in seq order (downloads). */
  public void forEachAudit(AuditFilter filter, long throughSeq, Consumer<AuditRecord> consumer) {
    List<Object> parameters = new ArrayList<>();
    List<String> conditions = conditions(filter, parameters);
    conditions.add("seq <= ?");
    parameters.add(throughSeq);
    jdbc.query(
        connection -> {
          // PostgreSQL streams with a cursor only inside a transaction; a fetch size keeps H2 lean.
          var statement =
              connection.prepareStatement(
                  "SELECT "
                      + RECORD_COLUMNS
                      + " FROM audit_record"
                      + where(conditions)
                      + " ORDER BY seq");
          statement.setFetchSize(500);
          for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
          }
          return statement;
        },
        rows -> {
          consumer.accept(record(rows, 0));
        });
  }

  /** The lowest and highest seq matching {@code filter} up to {@code throughSeq}. */
  public long[] seqRange(AuditFilter filter, long throughSeq) {
    List<Object> parameters = new ArrayList<>();
    List<String> conditions = conditions(filter, parameters);
    conditions.add("seq <= ?");
    parameters.add(throughSeq);
    return jdbc.queryForObject(
        "SELECT COALESCE(MIN(seq), 0), COALESCE(MAX(seq), 0), COUNT(*) FROM audit_record"
            + where(conditions),
        (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)},
        parameters.toArray());
  }

  public Optional<AuditRecord> auditRecord(long seq) {
    return jdbc
        .query(
            "SELECT " + RECORD_COLUMNS + " FROM audit_record WHERE seq = ?",
            ConsoleQueries::record,
            seq)
        .stream()
        .findFirst();
  }

  /** The seq of the first checkpoint at or after {@code seq}, if one was signed yet. */
  public Optional<Long> coveringCheckpoint(long seq) {
    Long found =
        jdbc.queryForObject(
            "SELECT MIN(seq) FROM audit_checkpoint WHERE seq >= ?", Long.class, seq);
    return Optional.ofNullable(found);
  }

  /** The newest {@code limit} checkpoints (seq, signed time), newest first. */
  public List<Long> recentCheckpointSeqs(int limit) {
    return jdbc.queryForList(
        "SELECT seq FROM audit_checkpoint ORDER BY seq DESC LIMIT " + limit, Long.class);
  }

  public long checkpointCount() {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM audit_checkpoint", Long.class);
    return count == null ? 0 : count;
  }

  /** Times of {@code event} records since {@code since} (dashboard charts). */
  public List<Instant> eventTimes(String event, Instant since) {
    return jdbc.query(
        "SELECT recorded_at FROM audit_record WHERE event = ? AND recorded_at >= ?",
        (rs, i) -> rs.getObject(1, OffsetDateTime.class).toInstant(),
        event,
        OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
  }

  /** The newest record of {@code event} since {@code since}, if any. */
  public Optional<AuditRecord> lastEvent(String event, Instant since) {
    return jdbc
        .query(
            "SELECT "
                + RECORD_COLUMNS
                + " FROM audit_record WHERE event = ? AND recorded_at >= ?"
                + " ORDER BY seq DESC LIMIT 1",
            ConsoleQueries::record,
            event,
            OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
        .stream()
        .findFirst();
  }

  private List<String> conditions(AuditFilter filter, List<Object> parameters) {
    List<String> conditions = new ArrayList<>();
    equal(conditions, parameters, "message_id", filter.messageId());
    equal(conditions, parameters, "case_token", filter.caseToken());
    equal(conditions, parameters, "event", filter.event());
    equal(conditions, parameters, "outcome", filter.outcome());
    equal(conditions, parameters, "actor", filter.actor());
    if (filter.agency() != null) {
      // As the auditor API: the agency's own records and every record of its messages.
      // The same condition, worded for each planner (docs/performance.md, console benchmark): on
      // PostgreSQL a correlated EXISTS probes the message_id index per candidate row and the
      // first page stops early, where IN was built over every message of the agency each time;
      // H2 answers IN from its indexes but runs the correlated form row by row.
      conditions.add(
          postgres
              ? "(actor = ? OR EXISTS (SELECT 1 FROM audit_record a"
                  + " WHERE a.message_id = audit_record.message_id AND a.actor = ?))"
              : "(actor = ? OR message_id IN (SELECT a.message_id FROM audit_record a"
                  + " WHERE a.actor = ? AND a.message_id IS NOT NULL))");
      parameters.add("agency:" + filter.agency());
      parameters.add("agency:" + filter.agency());
    }
    if (!filter.events().isEmpty()) {
      conditions.add(
          "event IN (" + String.join(",", Collections.nCopies(filter.events().size(), "?")) + ")");
      parameters.addAll(filter.events());
    }
    if (filter.from() != null) {
      conditions.add("recorded_at >= ?");
      parameters.add(OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
    }
    if (filter.to() != null) {
      conditions.add("recorded_at < ?");
      parameters.add(OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
    }
    if (filter.fromSeq() != null) {
      conditions.add("seq >= ?");
      parameters.add(filter.fromSeq());
    }
    if (filter.toSeq() != null) {
      conditions.add("seq <= ?");
      parameters.add(filter.toSeq());
    }
    return conditions;
  }

  private static void equal(
      List<String> conditions, List<Object> parameters, String column, String value) {
    if (value != null) {
      conditions.add(column + " = ?");
      parameters.add(value);
    }
  }

  private static String where(List<String> conditions) {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  private static AuditRecord record(ResultSet rows, int row) throws SQLException {
    return AuditRecord.fromRow(rows);
  }

  // ---- ledgers -------------------------------------------------------------------------------

  /** A message as the console lists it: outbound (sent by a local agency) or inbound. */
  public record MessageRow(
      String direction,
      String messageId,
      String messageType,
      String senderAgency,
      String recipientAgency,
      String caseToken,
      String priority,
      String status,
      String statusReason,
      int attempts,
      Instant at) {}

  /** Messages matching the filters, newest first. Every filter may be null. */
  public List<MessageRow> messages(
      String direction,
      String messageId,
      String status,
      String agency,
      String priority,
      Instant from,
      Instant to,
      int offset,
      int limit) {
    List<MessageRow> rows = new ArrayList<>();
    if (direction == null || direction.equals("outbound")) {
      rows.addAll(
          ledgerRows(
              "SELECT 'outbound', message_id, message_type, sender_agency, recipient_agency,"
                  + " case_token, priority, status, status_reason, attempts, created_at"
                  + " FROM outbound_message",
              "created_at",
              true,
              messageId,
              status,
              agency,
              priority,
              from,
              to,
              offset + limit));
    }
    if (direction == null || direction.equals("inbound")) {
      rows.addAll(
          ledgerRows(
              "SELECT 'inbound', message_id, message_type, sender_agency, recipient_agency,"
                  + " case_token, NULL, status, NULL, 0, received_at FROM inbound_message",
              "received_at",
              false,
              messageId,
              status,
              agency,
              priority,
              from,
              to,
              offset + limit));
    }
    rows.sort(
        (a, b) -> {
          int byTime = b.at().compareTo(a.at());
          return byTime != 0 ? byTime : a.messageId().compareTo(b.messageId());
        });
    return rows.subList(Math.min(offset, rows.size()), Math.min(offset + limit, rows.size()));
  }

  private List<MessageRow> ledgerRows(
      String select,
      String timeColumn,
      boolean outbound,
      String messageId,
      String status,
      String agency,
      String priority,
      Instant from,
      Instant to,
      int limit) {
    List<String> conditions = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    equal(conditions, parameters, "message_id", messageId);
    equal(conditions, parameters, "status", status);
    if (priority != null) {
      if (!outbound) {
        return List.of();
      }
      equal(conditions, parameters, "priority", priority);
    }
    if (agency != null) {
      conditions.add("(sender_agency = ? OR recipient_agency = ?)");
      parameters.add(agency);
      parameters.add(agency);
    }
    if (from != null) {
      conditions.add(timeColumn + " >= ?");
      parameters.add(Timestamp.from(from));
    }
    if (to != null) {
      conditions.add(timeColumn + " < ?");
      parameters.add(Timestamp.from(to));
    }
    return jdbc.query(
        select + where(conditions) + " ORDER BY " + timeColumn + " DESC, message_id LIMIT " + limit,
        ConsoleQueries::messageRow,
        parameters.toArray());
  }

  private static MessageRow messageRow(ResultSet rs, int row) throws SQLException {
    return new MessageRow(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getInt(10),
        rs.getTimestamp(11).toInstant());
  }

  /** Both ledgers' rows of one pseudonymous case. */
  public List<MessageRow> caseMessages(String caseToken) {
    List<MessageRow> rows = new ArrayList<>();
    rows.addAll(
        jdbc.query(
            "SELECT 'outbound', message_id, message_type, sender_agency, recipient_agency,"
                + " case_token, priority, status, status_reason, attempts, created_at"
                + " FROM outbound_message WHERE case_token = ? ORDER BY created_at LIMIT 500",
            ConsoleQueries::messageRow,
            caseToken));
    rows.addAll(
        jdbc.query(
            "SELECT 'inbound', message_id, message_type, sender_agency, recipient_agency,"
                + " case_token, NULL, status, NULL, 0, received_at FROM inbound_message"
                + " WHERE case_token = ? ORDER BY received_at LIMIT 500",
            ConsoleQueries::messageRow,
            caseToken));
    rows.sort((a, b) -> a.at().compareTo(b.at()));
    return rows;
  }

  /** The inbound ledger row of {@code messageId}, if this node received it. */
  public Optional<MessageRow> inbound(String messageId) {
    return jdbc
        .query(
            "SELECT 'inbound', message_id, message_type, sender_agency, recipient_agency,"
                + " case_token, NULL, status, NULL, 0, received_at FROM inbound_message"
                + " WHERE message_id = ?",
            ConsoleQueries::messageRow,
            messageId)
        .stream()
        .findFirst();
  }

  /** A link key shared by this case's messages and another case's. */
  public record RelatedCase(String linkKey, String caseToken, long messages) {}

  /** Link keys of {@code caseToken}'s received messages, with the other cases that share them. */
  public Map<String, List<RelatedCase>> linkHints(String caseToken) {
    Map<String, List<RelatedCase>> hints = new LinkedHashMap<>();
    List<String> keys =
        jdbc.queryForList(
            "SELECT DISTINCT link_key FROM link_key WHERE case_token = ? ORDER BY link_key"
                + " LIMIT 100",
            String.class,
            caseToken);
    for (String key : keys) {
      hints.put(
          key,
          jdbc.query(
              "SELECT link_key, case_token, COUNT(*) FROM link_key WHERE link_key = ?"
                  + " AND case_token IS NOT NULL AND case_token <> ?"
                  + " GROUP BY link_key, case_token ORDER BY case_token LIMIT 100",
              (rs, i) -> new RelatedCase(rs.getString(1), rs.getString(2), rs.getLong(3)),
              key,
              caseToken));
    }
    return hints;
  }

  // ---- dashboard -----------------------------------------------------------------------------

  /** Outbound messages per status. */
  public Map<String, Long> outboundByStatus() {
    return countBy("SELECT status, COUNT(*) FROM outbound_message GROUP BY status");
  }

  /** Inbound messages per status. */
  public Map<String, Long> inboundByStatus() {
    return countBy("SELECT status, COUNT(*) FROM inbound_message GROUP BY status");
  }

  /** Outbound messages waiting for (re)delivery, per priority. */
  public Map<String, Long> outboundWaitingByPriority() {
    return countBy(
        "SELECT priority, COUNT(*) FROM outbound_message"
            + " WHERE status IN ('QUEUED', 'WAITING_FOR_RETRY') GROUP BY priority");
  }

  /** Messages in each local agency's inbox, not yet retrieved. */
  public Map<String, Long> inboxByAgency() {
    return countBy(
        "SELECT recipient_agency, COUNT(*) FROM inbound_message WHERE status <> 'RETRIEVED'"
            + " GROUP BY recipient_agency");
  }

  /**
   * Ids of the replayable dead letters (status DEAD_LETTERED), oldest first, at most {@code limit}.
   */
  public List<String> replayableIds(int limit) {
    return jdbc.queryForList(
        "SELECT message_id FROM outbound_message WHERE status = 'DEAD_LETTERED'"
            + " ORDER BY updated_at, message_id LIMIT "
            + limit,
        String.class);
  }

  /** Which of {@code ids} are dead letters that can be replayed now. */
  public List<String> replayable(List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<Object> parameters = new ArrayList<>(ids);
    return jdbc.queryForList(
        "SELECT message_id FROM outbound_message WHERE status = 'DEAD_LETTERED' AND message_id IN ("
            + String.join(",", Collections.nCopies(ids.size(), "?"))
            + ") ORDER BY message_id",
        String.class,
        parameters.toArray());
  }

  private Map<String, Long> countBy(String sql) {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.query(
        sql,
        rows -> {
          counts.put(rows.getString(1), rows.getLong(2));
        });
    return counts;
  }
}
