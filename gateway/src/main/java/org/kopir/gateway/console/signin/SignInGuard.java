package org.kopir.gateway.console.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditOutcome;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.console.ConsoleProperties;

/**
 * Failed sign-ins per account name: after the second failure in a row the next attempt must wait
 * (back-off doubling from {@code kopir.console.backoff}); after {@code max-failed-sign-ins} the
 * account is locked for {@code kopir.console.lockout}. Failures and lock-outs of existing accounts
 * are audited with actor {@code user:<name>}; a name that is no account is audited as {@code
 * anonymous} without the name (it may be anything a person typed).
 */
public class SignInGuard {

  /** Most names tracked at once; beyond this, settled entries are forgotten first. */
  static final int MOST_TRACKED = 10_000;

  private final ConsoleProperties properties;
  private final AuditTrail audit;
  private final Clock clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  public SignInGuard(ConsoleProperties properties, AuditTrail audit, Clock clock) {
    this.properties = properties;
    this.audit = audit;
    this.clock = clock;
  }

  /** Why an attempt is refused before its password is checked, if it is. */
  public Optional<Refusal> refusal(String name) {
    Failures state = failures.get(key(name));
    if (state == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    synchronized (state) {
      if (state.lockedUntil != null) {
        if (now.isBefore(state.lockedUntil)) {
          return Optional.of(new Refusal(true, Duration.between(now, state.lockedUntil)));
        }
        state.count = 0;
        state.lockedUntil = null;
        return Optional.empty();
      }
      Instant next = state.last.plus(backoff(state.count));
      return now.isBefore(next)
          ? Optional.of(new Refusal(false, Duration.between(now, next)))
          : Optional.empty();
    }
  }

  /** Records a wrong password; returns the lock-out it caused, if any. */
  public Optional<Refusal> failed(String name, boolean account) {
    if (failures.size() >= MOST_TRACKED) {
      forgetSettled();
    }
    Failures state = failures.computeIfAbsent(key(name), k -> new Failures());
    Instant now = clock.instant();
    int count;
    boolean locked;
    synchronized (state) {
      state.count++;
      state.last = now;
      count = state.count;
      locked = count >= properties.getMaxFailedSignIns();
      if (locked) {
        state.lockedUntil = now.plus(properties.getLockout());
      }
    }
    String actor = account ? "user:" + name : "anonymous";
    audit.record(
        AuditEntry.of(AuditEvent.USER_SIGN_IN_FAILED)
            .actor(actor)
            .outcome(AuditOutcome.REFUSED)
            .detail("reason", account ? "wrong-password" : "unknown-account")
            .detail("failuresInARow", count)
            .build());
    if (!locked) {
      return Optional.empty();
    }
    audit.record(
        AuditEntry.of(AuditEvent.USER_LOCKED_OUT)
            .actor(actor)
            .outcome(AuditOutcome.WARNING)
            .detail("failuresInARow", count)
            .detail("lockedForSeconds", properties.getLockout().toSeconds())
            .build());
    return Optional.of(new Refusal(true, properties.getLockout()));
  }

  /** A successful sign-in clears the account's failures. */
  public void succeeded(String name) {
    failures.remove(key(name));
  }

  private Duration backoff(int count) {
    if (count < 2) {
      return Duration.ZERO;
    }
    Duration delay = properties.getBackoff().multipliedBy(1L << Math.min(count - 2, 20));
    return delay.compareTo(properties.getMaxBackoff()) > 0 ? properties.getMaxBackoff() : delay;
  }

  private void forgetSettled() {
    Instant now = clock.instant();
    failures
        .entrySet()
        .removeIf(
            entry -> {
              Failures state = entry.getValue();
              synchronized (state) {
                return state.lockedUntil == null
                    ? state.last.plus(properties.getMaxBackoff()).isBefore(now)
                    : state.lockedUntil.isBefore(now);
              }
            });
  }

  private static String key(String name) {
    String trimmed = name == null ? "" : name;
    // Long names are cut: only a bounded key is ever kept in memory.
    return (trimmed.length() > 256 ? trimmed.substring(0, 256) : trimmed).toLowerCase(Locale.ROOT);
  }

  /**
   * An attempt refused unchecked: locked ({@code locked}) or backing off, for {@code remaining}.
   */
  public record Refusal(boolean locked, Duration remaining) {}

  private static final class Failures {
    int count;
    Instant last = Instant.EPOCH;
    Instant lockedUntil;
  }
}
