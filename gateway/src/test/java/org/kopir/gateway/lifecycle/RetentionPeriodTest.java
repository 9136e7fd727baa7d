package org.kopir.gateway.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionPeriodTest {

  private static final Instant CLOSED = Instant.parse("2026-01-31T00:00:00Z");

  @Test
  void calendarAndClockPartsAreAddedInUtc() {
    assertThat(RetentionPeriod.valueOf("P1Y").after(CLOSED))
        .isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
    assertThat(RetentionPeriod.valueOf("P1M").after(CLOSED))
        .isEqualTo(Instant.parse("2026-02-28T00:00:00Z"));
    assertThat(RetentionPeriod.valueOf("PT1M").after(CLOSED))
        .isEqualTo(Instant.parse("2026-01-31T00:01:00Z"));
    assertThat(RetentionPeriod.valueOf("P1Y6MT12H").after(CLOSED))
        .isEqualTo(Instant.parse("2027-07-31T12:00:00Z"));
  }

  @Test
  void anythingButAPositiveIso8601DurationIsRefusedWithTheValue() {
    for (String text : new String[] {"1y", "P", "-P1Y", "PT0S", "one year"}) {
      assertThatThrownBy(() -> RetentionPeriod.valueOf(text))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(text);
    }
  }
}
