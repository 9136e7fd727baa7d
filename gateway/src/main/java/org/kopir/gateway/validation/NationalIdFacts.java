package org.kopir.gateway.validation;

import java.time.LocalDate;

/** What a valid national id says about its holder. */
public record NationalIdFacts(LocalDate birthDate, Sex sex) {

  /** Sex as encoded in KZ IIN and KG PIN. */
  public enum Sex {
    FEMALE,
    MALE;

    /** The value used for {@code child.sex} in the schemas. */
    public String schemaValue() {
      return this == FEMALE ? "female" : "male";
    }
  }
}
