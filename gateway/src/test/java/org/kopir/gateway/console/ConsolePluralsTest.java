package org.kopir.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.console.view.Plurals;

/** CLDR cardinal plural categories for the console's languages. */
class ConsolePluralsTest {

  private static final Locale RU = Locale.of("ru");

  @Test
  void russianHasOneFewMany() {
    assertThat(Plurals.category(RU, 1)).isEqualTo("one");
    assertThat(Plurals.category(RU, 21)).isEqualTo("one");
    assertThat(Plurals.category(RU, 101)).isEqualTo("one");
    assertThat(Plurals.category(RU, 2)).isEqualTo("few");
    assertThat(Plurals.category(RU, 4)).isEqualTo("few");
    assertThat(Plurals.category(RU, 22)).isEqualTo("few");
    assertThat(Plurals.category(RU, 0)).isEqualTo("many");
    assertThat(Plurals.category(RU, 5)).isEqualTo("many");
    assertThat(Plurals.category(RU, 11)).isEqualTo("many");
    assertThat(Plurals.category(RU, 12)).isEqualTo("many");
    assertThat(Plurals.category(RU, 14)).isEqualTo("many");
    assertThat(Plurals.category(RU, 111)).isEqualTo("many");
    assertThat(Plurals.category(RU, 112)).isEqualTo("many");
  }

  @Test
  void englishKazakhKyrgyzHaveOneOther() {
    for (String language : new String[] {"en", "kk", "ky"}) {
      Locale locale = Locale.of(language);
      assertThat(Plurals.category(locale, 1)).isEqualTo("one");
      assertThat(Plurals.category(locale, 0)).isEqualTo("other");
      assertThat(Plurals.category(locale, 2)).isEqualTo("other");
      assertThat(Plurals.category(locale, 21)).isEqualTo("other");
    }
  }
}
