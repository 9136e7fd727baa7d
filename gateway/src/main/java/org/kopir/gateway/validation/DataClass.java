package org.kopir.gateway.validation;

/**
 * Data class of a field (DOMAIN.md), carried by every schema property as {@value #KEYWORD}: D
 * direct identifier, Q quasi-identifier, S sensitive, O operational.
 */
public enum DataClass {
  D,
  Q,
  S,
  O;

  /** The schema keyword carrying the data class. */
  public static final String KEYWORD = "x-data-class";
}
