package org.kopir.gateway.pseudonymization;

/** The data class of a property ({@code x-data-class}, DOMAIN.md "Referral content"). */
public enum DataClass {
  /** Direct identifier: names, national ids, addresses, telephones, photos, local case ids. */
  D,
  /** Quasi-identifier: birth date, sex, nationality, location, care arrangement. */
  Q,
  /** Sensitive: protection concerns, health, disability, the child's wishes. */
  S,
  /** Operational: kinds, purposes, legal bases, consent facts, timeframes. */
  O;

  /**
   * @throws IllegalStateException for an unknown value: a schema error, not a client error
   */
  public static DataClass fromAnnotation(String value) {
    for (DataClass dataClass : values()) {
      if (dataClass.name().equals(value)) {
        return dataClass;
      }
    }
    throw new IllegalStateException("unknown x-data-class value: " + value);
  }
}
