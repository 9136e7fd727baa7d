package org.kopir.gateway.validation;

import java.util.Locale;
import java.util.Optional;

/**
 * What the sending node does with a field, carried by every schema property as {@value #KEYWORD}.
 * For an object whose members carry their own annotations, {@code clear} means "the container
 * travels; descend into its members".
 */
public enum Handling {
  /** Travels as is. */
  CLEAR,
  /** Moved into the encrypted identity block for the recipient agency (SPEC §4). */
  PROTECT,
  /** Replaced by a keyed pseudonym (SPEC §6). */
  PSEUDONYMIZE,
  /** The year travels in clear, the full date is protected. */
  BIRTH_YEAR,
  /** Never leaves the sending node. */
  DROP;

  /** The schema keyword carrying the handling. */
  public static final String KEYWORD = "x-handling";

  /** The value as written in schemas, e.g. {@code birth-year}. */
  public String schemaValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<Handling> fromSchemaValue(String value) {
    for (Handling handling : values()) {
      if (handling.schemaValue().equals(value)) {
        return Optional.of(handling);
      }
    }
    return Optional.empty();
  }

  /**
   * @throws IllegalStateException for an unknown value: a schema error, not a client error
   */
  public static Handling fromAnnotation(String value) {
    return fromSchemaValue(value)
        .orElseThrow(() -> new IllegalStateException("unknown " + KEYWORD + " value: " + value));
  }
}
