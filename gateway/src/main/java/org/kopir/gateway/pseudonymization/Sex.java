package org.kopir.gateway.pseudonymization;

import java.util.Locale;
import java.util.Optional;

/** Sex as used in the {@code ndb} link key (SPEC §6: {@code M} or {@code F}). */
public enum Sex {
  M,
  F;

  /**
   * Reads the codes payloads use in practice ({@code M}/{@code F}, {@code male}/{@code female}).
   * Anything else (unknown, other, not stated) gives no value, and so no {@code ndb} link key:
   * guessing would create false links.
   */
  public static Optional<Sex> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "m", "male" -> Optional.of(M);
      case "f", "female" -> Optional.of(F);
      default -> Optional.empty();
    };
  }
}
