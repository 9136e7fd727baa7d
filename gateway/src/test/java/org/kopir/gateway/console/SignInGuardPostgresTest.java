package org.kopir.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.console.signin.SignInFailures;
import org.kopir.gateway.console.signin.SignInGuard;
import org.kopir.gateway.testsupport.MutableClock;
import org.kopir.gateway.testsupport.PostgresTestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two replicas of a node, each with its own guard, on one PostgreSQL database: they count an
 * account's failed sign-ins together, so its lock-out holds on both and one success clears it.
 */
class SignInGuardPostgresTest {

  private final List<AuditEntry> audited = new ArrayList<>();
  private final ConsoleProperties properties = new ConsoleProperties();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private PostgresTestDatabase database;
  private SignInGuard one;
  private SignInGuard other;

  @BeforeEach
  void twoReplicas() {
    database = PostgresTestDatabase.migrated("signin");
    one = replica();
    other = replica();
  }

  @AfterEach
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }

  private SignInGuard replica() {
    return new SignInGuard(
        properties,
        entry -> {
          synchronized (audited) {
            audited.add(entry);
          }
        },
        clock,
        new SignInFailures(
            new JdbcTemplate(database.dataSource()),
            new TransactionTemplate(new JdbcTransactionManager(database.dataSource()))));
  }

  @Test
  void failuresOnEitherReplicaLockTheAccountOnBothAndASuccessClearsIt() {
    for (int i = 0; i < properties.getMaxFailedSignIns() - 1; i++) {
      (i % 2 == 0 ? one : other).failed("operator", true);
      clock.advance(properties.getMaxBackoff());
    }
    assertThat(other.refusal("operator", true)).isEmpty();

    var lock = one.failed("operator", true);

    assertThat(lock).hasValueSatisfying(r -> assertThat(r.locked()).isTrue());
    assertThat(other.refusal("operator", true))
        .hasValueSatisfying(r -> assertThat(r.locked()).isTrue());
    clock.advance(properties.getLockout());
    assertThat(other.refusal("operator", true)).isEmpty();
    other.failed("operator", true);
    one.succeeded("operator");
    assertThat(other.refusal("operator", true)).isEmpty();
    assertThat(one.refusal("operator", true)).isEmpty();
  }

  @Test
  void replicasCountingAtTheSameMomentLoseNoFailureAndLockOnce() throws Exception {
    int attempts = properties.getMaxFailedSignIns() * 2;
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < attempts; i++) {
        SignInGuard replica = i % 2 == 0 ? one : other;
        done.add(threads.submit(() -> replica.failed("auditor", true)));
      }
      for (Future<?> each : done) {
        each.get();
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(audited)
        .filteredOn(e -> e.event() == AuditEvent.USER_SIGN_IN_FAILED)
        .extracting(e -> ((Number) e.detail().get("failuresInARow")).intValue())
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.rangeClosed(1, attempts).boxed().toList());
    assertThat(audited).filteredOn(e -> e.event() == AuditEvent.USER_LOCKED_OUT).hasSize(1);
    assertThat(one.refusal("auditor", true).orElseThrow().remaining())
        .isLessThanOrEqualTo(properties.getLockout())
        .isGreaterThan(Duration.ZERO);
  }
}
