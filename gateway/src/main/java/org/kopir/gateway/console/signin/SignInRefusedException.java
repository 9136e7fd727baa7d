package org.kopir.gateway.console.signin;

import java.time.Duration;
import org.springframework.security.authentication.AccountStatusException;

/** A sign-in refused without checking the password: the account is locked or must wait. */
public class SignInRefusedException extends AccountStatusException {

  private final transient SignInGuard.Refusal refusal;

  public SignInRefusedException(SignInGuard.Refusal refusal) {
    super(refusal.locked() ? "account temporarily locked" : "too many failed sign-ins; wait");
    this.refusal = refusal;
  }

  public boolean locked() {
    return refusal.locked();
  }

  /** Whole seconds to wait, at least 1. */
  public long waitSeconds() {
    Duration wait = refusal.remaining();
    return Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
  }
}
