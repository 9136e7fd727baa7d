package org.kopir.gateway.console.signin;

import org.kopir.gateway.security.Roles;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.UserDetailsManager;

/**
 * Password sign-in of people (the {@code kopir.security.users} accounts) with the {@link
 * SignInGuard}'s back-off and lock-out. Only accounts holding AUDITOR or OPERATOR may sign in.
 */
public class ConsoleAuthenticationProvider implements AuthenticationProvider {

  private final UserDetailsManager people;
  private final DaoAuthenticationProvider passwords;
  private final SignInGuard guard;

  public ConsoleAuthenticationProvider(
      UserDetailsManager people, PasswordEncoder encoder, SignInGuard guard) {
    this.people = people;
    this.passwords = new DaoAuthenticationProvider(people);
    this.passwords.setPasswordEncoder(encoder);
    this.guard = guard;
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    String name = authentication.getName();
    boolean account = name != null && !name.isEmpty() && people.userExists(name);
    var refusal = guard.refusal(name, account);
    if (refusal.isPresent()) {
      throw new SignInRefusedException(refusal.get());
    }
    Authentication result;
    try {
      result = passwords.authenticate(authentication);
    } catch (BadCredentialsException e) {
      var lockout = guard.failed(name, account);
      if (lockout.isPresent()) {
        throw new SignInRefusedException(lockout.get());
      }
      throw e;
    }
    boolean person =
        result.getAuthorities().stream()
            .anyMatch(
                a ->
                    a.getAuthority().equals("ROLE_" + Roles.AUDITOR)
                        || a.getAuthority().equals("ROLE_" + Roles.OPERATOR));
    if (!person) {
      throw new BadCredentialsException("not a console account");
    }
    guard.succeeded(name);
    return result;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
