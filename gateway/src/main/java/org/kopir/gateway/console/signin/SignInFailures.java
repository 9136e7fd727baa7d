package org.kopir.gateway.console.signin;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed sign-ins in a row per name, in table {@code console_sign_in_failure}: the replicas of a
 * node share the count, so that the back-off and the lock-out hold whichever replica a browser
 * reaches. Each change is one statement, or a transaction holding the name's row, so replicas
 * counting at the same moment lose nothing.
 */
public class SignInFailures {

  /** One name's failures in a row, the last of them, and the lock-out they caused, if any. */
  public record State(int count, Instant last, Instant lockedUntil) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;

  public SignInFailures(JdbcTemplate jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  public Optional<State> find(String key) {
    List<State> rows =
        jdbc.query(
            "SELECT failures, last_failure, locked_until FROM console_sign_in_failure"
                + " WHERE name_key = ?",
            (row, i) ->
                new State(
                    row.getInt("failures"),
                    row.getTimestamp("last_failure").toInstant(),
                    row.getTimestamp("locked_until") == null
                        ? null
                        : row.getTimestamp("locked_until").toInstant()),
            key);
    return rows.stream().findFirst();
  }

  /**
   * Counts one more failure at {@code now}; returns the count it makes. The row is locked while it
   * is counted, so failures counted at the same moment by two replicas make two counts.
   */
  public int increment(String key, Instant now) {
    for (int round = 0; round < 3; round++) {
      Integer counted =
          transactions.execute(
              status -> {
                List<Integer> current =
                    jdbc.queryForList(
                        "SELECT failures FROM console_sign_in_failure WHERE name_key = ?"
                            + " FOR UPDATE",
                        Integer.class,
                        key);
                if (current.isEmpty()) {
                  return null;
                }
                int count = current.get(0) + 1;
                jdbc.update(
                    "UPDATE console_sign_in_failure SET failures = ?, last_failure = ?"
                        + " WHERE name_key = ?",
                    count,
                    Timestamp.from(now),
                    key);
                return count;
              });
      if (counted != null) {
        return counted;
      }
      try {
        jdbc.update(
            "INSERT INTO console_sign_in_failure (name_key, failures, last_failure)"
                + " VALUES (?, 1, ?)",
            key,
            Timestamp.from(now));
        return 1;
      } catch (DuplicateKeyException another) {
        // another replica counted the first failure at the same moment: count on top of it
      }
    }
    throw new IllegalStateException("the failed sign-in could not be counted");
  }

  /**
   * Locks the name until {@code until} if it has {@code atLeast} failures and is not locked yet;
   * true for the one call that locked it.
   */
  public boolean lock(String key, int atLeast, Instant until) {
    return jdbc.update(
            "UPDATE console_sign_in_failure SET locked_until = ?"
                + " WHERE name_key = ? AND failures >= ? AND locked_until IS NULL",
            Timestamp.from(until),
            key,
            atLeast)
        == 1;
  }

  /** A lock-out that ran out starts the count again. */
  public void unlock(String key, Instant lockedUntil) {
    jdbc.update(
        "UPDATE console_sign_in_failure SET failures = 0, locked_until = NULL"
            + " WHERE name_key = ? AND locked_until = ?",
        key,
        Timestamp.from(lockedUntil));
  }

  public void clear(String key) {
    jdbc.update("DELETE FROM console_sign_in_failure WHERE name_key = ?", key);
  }

  /**
   * Forgets names whose failures are settled: not locked and last failed before {@code
   * settledBefore} ({@code otherSettledBefore} for a key that starts with {@code otherPrefix}), or
   * locked until before {@code now}.
   */
  public void forgetSettled(
      Instant settledBefore, String otherPrefix, Instant otherSettledBefore, Instant now) {
    jdbc.update(
        "DELETE FROM console_sign_in_failure WHERE (locked_until IS NULL AND (last_failure < ?"
            + " OR (name_key LIKE ? AND last_failure < ?))) OR locked_until < ?",
        Timestamp.from(settledBefore),
        otherPrefix + "%",
        Timestamp.from(otherSettledBefore),
        Timestamp.from(now));
  }
}
