package org.kopir.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.console.signin.SignInGuard;

/** Back-off and lock-out after failed sign-ins, and what they audit. */
class ConsoleSignInGuardTest {

  private final List<AuditEntry> audited = new ArrayList<>();
  private Instant now = Instant.parse("2026-12-01T10:00:00Z");
  private final ConsoleProperties properties = new ConsoleProperties();

  private SignInGuard guard() {
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now;
          }
        };
    return new SignInGuard(properties, audited::add, clock);
  }

  @Test
  void backsOffFromTheSecondFailureAndLocksAtTheLimit() {
    SignInGuard guard = guard();

    guard.failed("operator", true);
    assertThat(guard.refusal("operator")).isEmpty();
    guard.failed("operator", true);
    assertThat(guard.refusal("operator"))
        .hasValueSatisfying(
            r -> {
              assertThat(r.locked()).isFalse();
              assertThat(r.remaining()).isEqualTo(Duration.ofSeconds(1));
            });
    now = now.plusSeconds(1);
    assertThat(guard.refusal("OPERATOR")).isEmpty();
    guard.failed("operator", true);
    assertThat(guard.refusal("operator").orElseThrow().remaining())
        .isEqualTo(Duration.ofSeconds(2));
    now = now.plusSeconds(2);
    guard.failed("operator", true);
    now = now.plusSeconds(4);
    var lock = guard.failed("operator", true);

    assertThat(lock).hasValueSatisfying(r -> assertThat(r.locked()).isTrue());
    now = now.plus(Duration.ofMinutes(14));
    assertThat(guard.refusal("operator").orElseThrow().locked()).isTrue();
    now = now.plus(Duration.ofMinutes(1));
    assertThat(guard.refusal("operator")).isEmpty();
    assertThat(audited).filteredOn(e -> e.event() == AuditEvent.USER_SIGN_IN_FAILED).hasSize(5);
    assertThat(audited)
        .filteredOn(e -> e.event() == AuditEvent.USER_LOCKED_OUT)
        .singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("user:operator"));
  }

  @Test
  void aSuccessClearsTheFailuresAndUnknownNamesAreNotRecorded() {
    SignInGuard guard = guard();
    guard.failed("auditor", true);
    guard.failed("auditor", true);
    guard.succeeded("auditor");
    assertThat(guard.refusal("auditor")).isEmpty();

    guard.failed("my password 123", false);

    AuditEntry unknown = audited.get(audited.size() - 1);
    assertThat(unknown.actor()).isEqualTo("anonymous");
    assertThat(unknown.detail().toString()).doesNotContain("my password");
  }
}
