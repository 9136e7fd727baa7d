package org.kopir.gateway.pseudonymization;

/** What the sending node does with a property ({@code x-handling}, SPEC §2). */
public enum Handling {
  /** Travels in the signed payload as written; members of an object are handled one by one. */
  CLEAR("clear"),
  /** Removed from the payload and carried only inside the encrypted identity block. */
  PROTECT("protect"),
  /** Replaced by a {@code case} pseudonym in the sending agency's scope. */
  PSEUDONYMIZE("pseudonymize"),
  /** A date: its year (an integer) stays in clear, the full date goes to the identity block. */
  BIRTH_YEAR("birth-year"),
  /** Never leaves the local side, not even encrypted. */
  DROP("drop");

  private final String annotation;

  Handling(String annotation) {
    this.annotation = annotation;
  }

  public String annotation() {
    return annotation;
  }

  /**
   * @throws IllegalStateException for an unknown value: a schema error, not a client error
   */
  public static Handling fromAnnotation(String value) {
    for (Handling handling : values()) {
      if (handling.annotation.equals(value)) {
        return handling;
      }
    }
    throw new IllegalStateException("unknown x-handling value: " + value);
  }
}
