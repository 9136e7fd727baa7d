package org.kopir.gateway.console.signin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditOutcome;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.console.ConsoleProperties;

/**
 * Failed sign-ins per account name: after the second failure in a row the next attempt must wait
 * (back-off doubling from {@code kopir.console.backoff}); after {@code max-failed-sign-ins} the
 * account is locked for {@code kopir.console.lockout}. The counts are kept in the node's database
 * ({@link SignInFailures}), so every replica of the node applies the same back-off and lock-out.
 * Failures and lock-outs of existing accounts are audited with actor {@code user:<name>}; a name
 * that is no account is audited as {@code anonymous} without the name (it may be anything a person
 * typed), and is counted under a digest keyed by a secret of this replica, never by its text.
 */
public class SignInGuard {

  /**
   * How long an account's failures in a row are remembered without a new one: a day, so that
   * guessing slower than the back-off still ends in a lock-out. A name that is no account protects
   * nothing; its count is forgotten once the longest back-off has passed, so that a flood of
   * made-up names leaves few rows.
   */
  static final Duration FORGET_AFTER = Duration.ofDays(1);

  private static final String UNKNOWN = "unknown:";

  private final ConsoleProperties properties;
  private final AuditTrail audit;
  private final Clock clock;
  private final SignInFailures failures;
  private final SecretKeySpec unknownNameKey;

  public SignInGuard(
      ConsoleProperties properties, AuditTrail audit, Clock clock, SignInFailures failures) {
    this.properties = properties;
    this.audit = audit;
    this.clock = clock;
    this.failures = failures;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.unknownNameKey = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** Why an attempt is refused before its password is checked, if it is. */
  public Optional<Refusal> refusal(String name, boolean account) {
    String key = key(name, account);
    Optional<SignInFailures.State> found = failures.find(key);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    SignInFailures.State state = found.get();
    Instant now = clock.instant();
    if (state.lockedUntil() != null) {
      if (now.isBefore(state.lockedUntil())) {
        return Optional.of(new Refusal(true, Duration.between(now, state.lockedUntil())));
      }
      failures.unlock(key, state.lockedUntil());
      return Optional.empty();
    }
    Instant next = state.last().plus(backoff(state.count()));
    return now.isBefore(next)
        ? Optional.of(new Refusal(false, Duration.between(now, next)))
        : Optional.empty();
  }

  /** Records a wrong password; returns the lock-out it caused, if any. */
  public Optional<Refusal> failed(String name, boolean account) {
    Instant now = clock.instant();
    failures.forgetSettled(
        now.minus(FORGET_AFTER), UNKNOWN, now.minus(properties.getMaxBackoff()), now);
    String key = key(name, account);
    int count = failures.increment(key, now);
    boolean locked =
        count >= properties.getMaxFailedSignIns()
            && failures.lock(
                key, properties.getMaxFailedSignIns(), now.plus(properties.getLockout()));
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
    failures.clear(key(name, true));
  }

  private Duration backoff(int count) {
    if (count < 2) {
      return Duration.ZERO;
    }
    Duration delay = properties.getBackoff().multipliedBy(1L << Math.min(count - 2, 20));
    return delay.compareTo(properties.getMaxBackoff()) > 0 ? properties.getMaxBackoff() : delay;
  }

  /**
   * An account by its name, as the audit trail names it; anything else by a digest keyed by this
   * replica's secret, of bounded length whatever was typed.
   */
  private String key(String name, boolean account) {
    String lower = (name == null ? "" : name).toLowerCase(Locale.ROOT);
    if (account && lower.length() <= 256) {
      return "user:" + lower;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(unknownNameKey);
      return UNKNOWN
          + HexFormat.of().formatHex(mac.doFinal(lower.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /**
   * An attempt refused unchecked: locked ({@code locked}) or backing off, for {@code remaining}.
   */
  public record Refusal(boolean locked, Duration remaining) {}
}
