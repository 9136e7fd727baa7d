package org.kopir.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NationalIdChecksTest {

  @Test
  void theDomainExampleIinIsAGirlBornOnTheSecondOfMarch2015() throws Exception {
    NationalIdFacts facts = IinCheck.parse("150302600126");

    assertThat(facts.birthDate()).isEqualTo(LocalDate.of(2015, 3, 2));
    assertThat(facts.sex()).isEqualTo(NationalIdFacts.Sex.FEMALE);
  }

  @Test
  void anIinWhoseFirstSumIsTenUsesTheSecondWeights() throws Exception {
    // 15030260012: first weighted sum 109 ≡ 10 (mod 11), second 116 ≡ 6.
    assertThat(IinCheck.checkDigit(new int[] {1, 5, 0, 3, 0, 2, 6, 0, 0, 1, 2})).isEqualTo(6);
  }

  @Test
  void anOddCenturyDigitMeansMaleAndSelectsTheCentury() throws Exception {
    int[] digits = {9, 8, 1, 2, 3, 1, 3, 0, 0, 4, 5};
    String iin = "98123130045" + IinCheck.checkDigit(digits);

    NationalIdFacts facts = IinCheck.parse(iin);

    assertThat(facts.birthDate()).isEqualTo(LocalDate.of(1998, 12, 31));
    assertThat(facts.sex()).isEqualTo(NationalIdFacts.Sex.MALE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"150302600127", "15030260012", "1503026001266", "15030260012x"})
  void malformedIinsAreRefusedWithoutQuotingThem(String iin) {
    assertThatThrownBy(() -> IinCheck.parse(iin))
        .isInstanceOf(InvalidNationalIdException.class)
        .message()
        .doesNotContain(iin);
  }

  @Test
  void anIinWithCenturyDigitSevenIsRefused() {
    int[] digits = {1, 5, 0, 3, 0, 2, 7, 0, 0, 1, 2};
    String iin = "15030270012" + IinCheck.checkDigit(digits);

    assertThatThrownBy(() -> IinCheck.parse(iin))
        .hasMessage("has an invalid century and sex digit");
  }

  @Test
  void anIinWithAnImpossibleDateIsRefused() {
    int[] digits = {1, 5, 0, 2, 3, 0, 6, 0, 0, 1, 2};
    String iin = "15023060012" + IinCheck.checkDigit(digits);

    assertThatThrownBy(() -> IinCheck.parse(iin)).hasMessage("encodes an invalid birth date");
  }

  @Test
  void aPinGivesSexFromItsFirstDigitAndTheBirthDateAsDayMonthYear() throws Exception {
    NationalIdFacts boy = PinCheck.parse("21407201200345");
    NationalIdFacts girl = PinCheck.parse("10203201500017");

    assertThat(boy.birthDate()).isEqualTo(LocalDate.of(2012, 7, 14));
    assertThat(boy.sex()).isEqualTo(NationalIdFacts.Sex.MALE);
    assertThat(girl.birthDate()).isEqualTo(LocalDate.of(2015, 3, 2));
    assertThat(girl.sex()).isEqualTo(NationalIdFacts.Sex.FEMALE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"31407201200345", "23102201200345", "21407189900345", "2140720120034"})
  void malformedPinsAreRefused(String pin) {
    assertThatThrownBy(() -> PinCheck.parse(pin)).isInstanceOf(InvalidNationalIdException.class);
  }
}
