package org.kopir.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.console.signin.SignInFailures;
import org.kopir.gateway.console.signin.SignInGuard;
import org.kopir.gateway.testsupport.MutableClock;
import org.kopir.gateway.testsupport.NodeSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Back-off and lock-out after failed sign-ins, and what they audit. */
class ConsoleSignInGuardTest {

  private final List<AuditEntry> audited = new ArrayList<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final ConsoleProperties properties = new ConsoleProperties();
  private final SignInFailures failures = inMemoryDatabase();

  private SignInGuard guard() {
    return new SignInGuard(properties, audited::add, clock, failures);
  }

  /** The node's tables on an H2 database in memory, as a node runs by default. */
  private static SignInFailures inMemoryDatabase() {
    DriverManagerDataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:sign-in-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    NodeSchema.migrate(dataSource);
    return new SignInFailures(
        new JdbcTemplate(dataSource),
        new TransactionTemplate(new JdbcTransactionManager(dataSource)));
  }

  @Test
  void backsOffFromTheSecondFailureAndLocksAtTheLimit() {
    SignInGuard guard = guard();

    guard.failed("operator", true);
    assertThat(guard.refusal("operator", true)).isEmpty();
    guard.failed("operator", true);
    assertThat(guard.refusal("operator", true))
        .hasValueSatisfying(
            r -> {
              assertThat(r.locked()).isFalse();
              assertThat(r.remaining()).isEqualTo(Duration.ofSeconds(1));
            });
    clock.advance(Duration.ofSeconds(1));
    assertThat(guard.refusal("OPERATOR", true)).isEmpty();
    guard.failed("operator", true);
    assertThat(guard.refusal("operator", true).orElseThrow().remaining())
        .isEqualTo(Duration.ofSeconds(2));
    clock.advance(Duration.ofSeconds(2));
    guard.failed("operator", true);
    clock.advance(Duration.ofSeconds(4));
    var lock = guard.failed("operator", true);

    assertThat(lock).hasValueSatisfying(r -> assertThat(r.locked()).isTrue());
    clock.advance(Duration.ofMinutes(14));
    assertThat(guard.refusal("operator", true).orElseThrow().locked()).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(guard.refusal("operator", true)).isEmpty();
    assertThat(audited).filteredOn(e -> e.event() == AuditEvent.USER_SIGN_IN_FAILED).hasSize(5);
    assertThat(audited)
        .filteredOn(e -> e.event() == AuditEvent.USER_LOCKED_OUT)
        .singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("user:operator"));
  }

  @Test
  void failuresSpacedWiderThanTheLongestBackOffStillLockTheAccount() {
    SignInGuard guard = guard();
    Optional<SignInGuard.Refusal> last = Optional.empty();
    for (int i = 0; i < properties.getMaxFailedSignIns(); i++) {
      clock.advance(properties.getMaxBackoff().plusSeconds(1));
      assertThat(guard.refusal("operator", true)).isEmpty();
      last = guard.failed("operator", true);
    }

    assertThat(last).hasValueSatisfying(r -> assertThat(r.locked()).isTrue());
  }

  @Test
  void aSuccessClearsTheFailuresAndUnknownNamesAreNotRecorded() {
    SignInGuard guard = guard();
    guard.failed("auditor", true);
    guard.failed("auditor", true);
    guard.succeeded("auditor");
    assertThat(guard.refusal("auditor", true)).isEmpty();

    guard.failed("my password 123", false);

    AuditEntry unknown = audited.get(audited.size() - 1);
    assertThat(unknown.actor()).isEqualTo("anonymous");
    assertThat(unknown.detail().toString()).doesNotContain("my password");
    guard.failed("my password 123", false);
    assertThat(guard.refusal("my password 123", false)).isPresent();
    assertThat(failures.find("unknown:my password 123")).isEmpty();
    // a made-up name is forgotten after the longest back-off, an account only after a day
    guard.failed("auditor", true);
    clock.advance(properties.getMaxBackoff().plusSeconds(1));
    guard.failed("someone else", false);
    assertThat(guard.refusal("my password 123", false)).isEmpty();
    guard.failed("my password 123", false);
    assertThat(audited.get(audited.size() - 1).detail()).containsEntry("failuresInARow", 1);
    guard.failed("auditor", true);
    assertThat(audited.get(audited.size() - 1).detail()).containsEntry("failuresInARow", 2);
  }
}
