package org.kopir.gateway.validation;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Kyrgyzstan's personal identification number: 14 digits, digit 1 sex (1 female, 2 male), digits
 * 2–9 the birth date {@code DDMMYYYY}, digits 10–14 a serial. There is no public check digit, so
 * only structure and date are verified.
 */
public final class PinCheck {

  public static final int LENGTH = 14;
  private static final int EARLIEST_YEAR = 1900;

  private PinCheck() {}

  /** Checks {@code pin} and returns the birth date and sex it encodes. */
  public static NationalIdFacts parse(String pin) throws InvalidNationalIdException {
    if (pin == null || pin.length() != LENGTH || !pin.chars().allMatch(Character::isDigit)) {
      throw new InvalidNationalIdException("must be 14 digits");
    }
    char sexDigit = pin.charAt(0);
    if (sexDigit != '1' && sexDigit != '2') {
      throw new InvalidNationalIdException("has an invalid sex digit");
    }
    int day = Integer.parseInt(pin.substring(1, 3));
    int month = Integer.parseInt(pin.substring(3, 5));
    int year = Integer.parseInt(pin.substring(5, 9));
    if (year < EARLIEST_YEAR) {
      throw new InvalidNationalIdException("encodes an invalid birth date");
    }
    LocalDate birthDate;
    try {
      birthDate = LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      throw new InvalidNationalIdException("encodes an invalid birth date");
    }
    NationalIdFacts.Sex sex =
        sexDigit == '1' ? NationalIdFacts.Sex.FEMALE : NationalIdFacts.Sex.MALE;
    return new NationalIdFacts(birthDate, sex);
  }
}
