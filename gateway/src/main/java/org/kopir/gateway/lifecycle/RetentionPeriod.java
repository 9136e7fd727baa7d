package org.kopir.gateway.lifecycle;

import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.Duration;

/**
 * An ISO-8601 duration with calendar and clock parts ({@code P1Y}, {@code P6M}, {@code PT1M},
 * {@code P1Y6M}), added to an instant in UTC. {@link java.time.Duration} has no years or months and
 * {@link java.time.Period} no hours or minutes; retention needs both.
 */
public final class RetentionPeriod {

  private static final DatatypeFactory FACTORY = factory();

  private final String text;
  private final Duration duration;

  private RetentionPeriod(String text, Duration duration) {
    this.text = text;
    this.duration = duration;
  }

  /**
   * Reads an ISO-8601 duration; Spring binds configuration values through this method.
   *
   * @throws IllegalArgumentException if the text is not a positive ISO-8601 duration
   */
  public static RetentionPeriod valueOf(String text) {
    Duration parsed;
    try {
      parsed = FACTORY.newDuration(text.strip());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "not an ISO-8601 duration such as P1Y, P6M or PT1M: " + text);
    }
    if (parsed.getSign() <= 0) {
      throw new IllegalArgumentException("a retention period must be positive: " + text);
    }
    return new RetentionPeriod(text.strip(), parsed);
  }

  /** {@code start} plus this period, calendar parts counted in UTC. */
  public Instant after(Instant start) {
    GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    calendar.setTimeInMillis(start.toEpochMilli());
    duration.addTo((Calendar) calendar);
    return Instant.ofEpochMilli(calendar.getTimeInMillis());
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RetentionPeriod period && period.duration.equals(duration);
  }

  @Override
  public int hashCode() {
    return duration.hashCode();
  }

  private static DatatypeFactory factory() {
    try {
      return DatatypeFactory.newInstance();
    } catch (DatatypeConfigurationException e) {
      throw new IllegalStateException("no javax.xml.datatype implementation", e);
    }
  }
}
