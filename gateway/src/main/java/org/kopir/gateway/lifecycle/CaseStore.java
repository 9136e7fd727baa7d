package org.kopir.gateway.lifecycle;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The recorded state of cases ({@code case_state}) and which case tokens belong to which case
 * ({@code case_alias}), SPEC §13.1. A case is known by the first case token this node saw for it;
 * the partner's token for the same case and the same case under another pseudonym key are aliases.
 */
@Component
public class CaseStore {

  private static final String STATE_COLUMNS =
      "case_key, consent, consent_scope, consent_message_id, closed_on, closure_message_id,"
          + " erase_after, erasure_reason, erased_at";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public CaseStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The case key of the first of {@code tokens} that is an alias, in one query. */
  public Optional<String> aliasOf(List<String> tokens) {
    if (tokens.isEmpty()) {
      return Optional.empty();
    }
    java.util.Map<String, String> keys = new java.util.HashMap<>();
    jdbc.query(
        "SELECT case_token, case_key FROM case_alias WHERE case_token IN ("
            + placeholders(tokens.size())
            + ")",
        rs -> {
          keys.put(rs.getString(1), rs.getString(2));
        },
        tokens.toArray());
    return tokens.stream().filter(keys::containsKey).map(keys::get).findFirst();
  }

  /** The recorded state of the first of {@code tokens} that is a case key, in one query. */
  public Optional<CaseState> stateOfAny(List<String> tokens) {
    if (tokens.isEmpty()) {
      return Optional.empty();
    }
    List<CaseState> states =
        jdbc.query(
            "SELECT "
                + STATE_COLUMNS
                + " FROM case_state WHERE case_key IN ("
                + placeholders(tokens.size())
                + ")",
            CaseStore::map,
            tokens.toArray());
    return tokens.stream()
        .flatMap(token -> states.stream().filter(state -> state.caseKey().equals(token)))
        .findFirst();
  }

  /** The case a token belongs to: the case of its alias, or the token itself. */
  public String keyOf(String token) {
    return aliasOf(List.of(token)).orElse(token);
  }

  /** The first of {@code tokens} that names a message this node sent or received. */
  public Optional<String> firstHeld(List<String> tokens) {
    for (String token : tokens) {
      if (exists(
          "SELECT 1 FROM outbound_message WHERE case_token = ?"
              + " UNION ALL SELECT 1 FROM inbound_message WHERE case_token = ?",
          token,
          token)) {
        return Optional.of(token);
      }
    }
    return Optional.empty();
  }

  /** The case token of a message this node sent or received. */
  public Optional<String> tokenOfMessage(String messageId) {
    List<String> tokens =
        jdbc.queryForList(
            "SELECT case_token FROM outbound_message WHERE message_id = ?"
                + " UNION ALL SELECT case_token FROM inbound_message WHERE message_id = ?",
            String.class,
            messageId,
            messageId);
    return tokens.stream().filter(token -> token != null).findFirst();
  }

  /** The case key and every alias of the case. */
  public Set<String> members(String key) {
    Set<String> members = new LinkedHashSet<>();
    members.add(key);
    members.addAll(
        jdbc.queryForList(
            "SELECT case_token FROM case_alias WHERE case_key = ? ORDER BY case_token",
            String.class,
            key));
    return members;
  }

  /**
   * A local agency and a partner agency that exchanged messages of the case, with the latest of
   * those messages.
   */
  public record Parties(String localAgency, String partnerAgency, String latestMessageId) {}

  /** Every pair of agencies that exchanged messages of the case here, each with its latest. */
  public List<Parties> parties(String key) {
    Set<String> members = members(key);
    String in = placeholders(members.size());
    List<Object> args = new ArrayList<>(members);
    args.addAll(members);
    java.util.Map<String, Parties> latest = new java.util.LinkedHashMap<>();
    jdbc.query(
        "SELECT local_agency, partner_agency, message_id FROM ("
            + " SELECT sender_agency AS local_agency, recipient_agency AS partner_agency,"
            + " message_id, created_at AS at FROM outbound_message WHERE case_token IN ("
            + in
            + ") UNION ALL SELECT recipient_agency, sender_agency, message_id, received_at"
            + " FROM inbound_message WHERE case_token IN ("
            + in
            + ")) exchanged ORDER BY at, message_id",
        rs -> {
          Parties parties = new Parties(rs.getString(1), rs.getString(2), rs.getString(3));
          latest.put(parties.localAgency() + "\u0000" + parties.partnerAgency(), parties);
        },
        args.toArray());
    return List.copyOf(latest.values());
  }

  /** Whether {@code agency} sent or received a message of the case at this node. */
  public boolean isParty(String key, String agency) {
    Set<String> members = members(key);
    String in = placeholders(members.size());
    List<Object> args = new ArrayList<>(members);
    args.add(agency);
    return exists(
            "SELECT 1 FROM outbound_message WHERE case_token IN (" + in + ") AND sender_agency = ?",
            args.toArray())
        || exists(
            "SELECT 1 FROM inbound_message WHERE case_token IN ("
                + in
                + ") AND recipient_agency = ?",
            args.toArray());
  }

  /** Makes {@code token} an alias of the case {@code key}, unless it is the key or one already. */
  public void join(String token, String key) {
    if (token == null || token.equals(key)) {
      return;
    }
    try {
      jdbc.update(
          "INSERT INTO case_alias (case_token, case_key) SELECT ?, ? WHERE NOT EXISTS"
              + " (SELECT 1 FROM case_alias WHERE case_token = ?)",
          token,
          key,
          token);
    } catch (DuplicateKeyException raced) {
      // Another message of the case made the same alias.
    }
  }

  public Optional<CaseState> state(String key) {
    return jdbc
        .query(
            "SELECT " + STATE_COLUMNS + " FROM case_state WHERE case_key = ?", CaseStore::map, key)
        .stream()
        .findFirst();
  }

  /** Records the consent a consent update left. */
  public void recordConsent(String key, ConsentState consent, Set<String> scope, String messageId) {
    ensureRow(key);
    jdbc.update(
        "UPDATE case_state SET consent = ?, consent_scope = ?, consent_message_id = ?,"
            + " updated_at = ? WHERE case_key = ?",
        consent.name(),
        consent == ConsentState.NARROWED ? String.join(",", scope) : null,
        messageId,
        now(),
        key);
  }

  /** Records the closure unless one is recorded; the earlier erasure time stands. */
  public void recordClosure(String key, LocalDate closedOn, String messageId, Instant eraseAfter) {
    ensureRow(key);
    jdbc.update(
        "UPDATE case_state SET closed_on = ?, closure_message_id = ?, updated_at = ?"
            + " WHERE case_key = ? AND closed_on IS NULL",
        Date.valueOf(closedOn),
        messageId,
        now(),
        key);
    scheduleErasure(key, eraseAfter, "retention");
  }

  /** Sets when the case is to be erased and why, unless an earlier time is already set. */
  public void scheduleErasure(String key, Instant eraseAfter, String reason) {
    ensureRow(key);
    jdbc.update(
        "UPDATE case_state SET erase_after = ?, erasure_reason = ?, updated_at = ?"
            + " WHERE case_key = ? AND erased_at IS NULL"
            + " AND (erase_after IS NULL OR erase_after > ?)",
        Timestamp.from(eraseAfter),
        reason,
        now(),
        key,
        Timestamp.from(eraseAfter));
  }

  /** Cases whose erasure time has come and that are not erased yet, earliest first. */
  public List<String> due(Instant now, int limit) {
    return jdbc
        .queryForList(
            "SELECT case_key FROM case_state WHERE erase_after <= ? AND erased_at IS NULL"
                + " ORDER BY erase_after, case_key",
            String.class,
            Timestamp.from(now))
        .stream()
        .limit(limit)
        .toList();
  }

  private void ensureRow(String key) {
    try {
      jdbc.update(
          "INSERT INTO case_state (case_key, updated_at) SELECT ?, ? WHERE NOT EXISTS"
              + " (SELECT 1 FROM case_state WHERE case_key = ?)",
          key,
          now(),
          key);
    } catch (DuplicateKeyException raced) {
      // Made by a concurrent message of the same case.
    }
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private boolean exists(String sql, Object... args) {
    return !jdbc.queryForList(sql, Integer.class, args).isEmpty();
  }

  static String placeholders(int count) {
    return String.join(",", java.util.Collections.nCopies(count, "?"));
  }

  private static CaseState map(ResultSet rs, int row) throws SQLException {
    String consent = rs.getString("consent");
    String scope = rs.getString("consent_scope");
    Date closedOn = rs.getDate("closed_on");
    Timestamp eraseAfter = rs.getTimestamp("erase_after");
    Timestamp erasedAt = rs.getTimestamp("erased_at");
    return new CaseState(
        rs.getString("case_key"),
        consent == null ? null : ConsentState.valueOf(consent),
        scope == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(scope.split(","))),
        rs.getString("consent_message_id"),
        closedOn == null ? null : closedOn.toLocalDate(),
        rs.getString("closure_message_id"),
        eraseAfter == null ? null : eraseAfter.toInstant(),
        rs.getString("erasure_reason"),
        erasedAt == null ? null : erasedAt.toInstant());
  }
}
