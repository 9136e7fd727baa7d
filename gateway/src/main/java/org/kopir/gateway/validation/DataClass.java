package org.kopir.gateway.validation;

/**
 * Data class of a field (docs/domain.md "Referral content"), carried by every schema property as
 * {@value #KEYWORD}: D direct identifier, Q quasi-identifier, S sensitive, O operational.
 */
public enum DataClass {
  D,
  Q,
  S,
  O;

  /** The schema keyword carrying the data class. */
  public static final String KEYWORD = "x-data-class";

  /**
   * @throws IllegalStateException for an unknown value: a schema error, not a client error
   */
  public static DataClass fromAnnotation(String value) {
    for (DataClass dataClass : values()) {
      if (dataClass.name().equals(value)) {
        return dataClass;
      }
    }
    throw new IllegalStateException("unknown " + KEYWORD + " value: " + value);
  }
}
