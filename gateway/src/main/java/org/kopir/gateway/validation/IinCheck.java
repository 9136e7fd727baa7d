package org.kopir.gateway.validation;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Kazakhstan's individual identification number: 12 digits {@code YYMMDD C SSSS K}. {@code C} gives
 * century and sex (1/2 1800s, 3/4 1900s, 5/6 2000s; odd male). {@code K} is Σ dᵢ·wᵢ mod 11 with
 * weights 1…11, or, when that is 10, with weights 3…11,1,2; a second 10 means no valid id.
 */
public final class IinCheck {

  public static final int LENGTH = 12;
  private static final int[] FIRST_WEIGHTS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  private static final int[] SECOND_WEIGHTS = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};

  private IinCheck() {}

  /** Checks {@code iin} and returns the birth date and sex it encodes. */
  public static NationalIdFacts parse(String iin) throws InvalidNationalIdException {
    if (iin == null || iin.length() != LENGTH || !iin.chars().allMatch(Character::isDigit)) {
      throw new InvalidNationalIdException("must be 12 digits");
    }
    int[] digits = iin.chars().map(c -> c - '0').toArray();
    int centuryAndSex = digits[6];
    if (centuryAndSex < 1 || centuryAndSex > 6) {
      throw new InvalidNationalIdException("has an invalid century and sex digit");
    }
    int expected = checkDigit(digits);
    if (expected < 0) {
      throw new InvalidNationalIdException("has no valid check digit");
    }
    if (expected != digits[11]) {
      throw new InvalidNationalIdException("has a wrong check digit");
    }
    int century = 1800 + 100 * ((centuryAndSex - 1) / 2);
    int year = century + digits[0] * 10 + digits[1];
    int month = digits[2] * 10 + digits[3];
    int day = digits[4] * 10 + digits[5];
    LocalDate birthDate;
    try {
      birthDate = LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      throw new InvalidNationalIdException("encodes an invalid birth date");
    }
    NationalIdFacts.Sex sex =
        centuryAndSex % 2 == 1 ? NationalIdFacts.Sex.MALE : NationalIdFacts.Sex.FEMALE;
    return new NationalIdFacts(birthDate, sex);
  }

  /** The check digit for the first 11 digits, or -1 when the algorithm yields none. */
  public static int checkDigit(int[] digits) {
    int first = weightedSum(digits, FIRST_WEIGHTS) % 11;
    if (first != 10) {
      return first;
    }
    int second = weightedSum(digits, SECOND_WEIGHTS) % 11;
    return second == 10 ? -1 : second;
  }

  private static int weightedSum(int[] digits, int[] weights) {
    int sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += digits[i] * weights[i];
    }
    return sum;
  }
}
