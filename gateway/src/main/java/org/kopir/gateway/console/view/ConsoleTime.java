package org.kopir.gateway.console.view;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.kopir.gateway.console.ConsoleProperties;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.stereotype.Component;

/** Times as the console shows them: in the node's zone, with UTC alongside. */
@Component("consoleTime")
public class ConsoleTime {

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

  private final ZoneId zone;

  public ConsoleTime(ConsoleProperties properties, NodeProperties node) {
    this.zone = properties.getZone() != null ? properties.getZone() : zoneOf(node.getCountry());
  }

  /** The capital's time zone of the countries of the programme; elsewhere the machine's. */
  private static final java.util.Map<String, String> CAPITAL_ZONES =
      java.util.Map.of(
          "KZ", "Asia/Almaty",
          "KG", "Asia/Bishkek",
          "TJ", "Asia/Dushanbe",
          "UZ", "Asia/Tashkent");

  static ZoneId zoneOf(String country) {
    String zone =
        country == null ? null : CAPITAL_ZONES.get(country.toUpperCase(java.util.Locale.ROOT));
    return zone != null ? ZoneId.of(zone) : ZoneId.systemDefault();
  }

  public ZoneId zone() {
    return zone;
  }

  /** {@code 2026-12-01 09:15:02} in the node's zone. */
  public String local(Instant time) {
    return time == null ? "" : LOCAL.format(time.atZone(zone));
  }

  /** {@code 2026-12-01 03:15:02Z}. */
  public String utc(Instant time) {
    return time == null ? "" : UTC.format(time);
  }

  /** The ISO-8601 instant (for {@code <time datetime>}). */
  public String iso(Instant time) {
    return time == null ? "" : time.toString();
  }

  /** A value for a {@code datetime-local} input, in the node's zone. */
  public String input(Instant time) {
    return time == null ? "" : INPUT.format(time.atZone(zone).toLocalDateTime());
  }

  /**
   * Reads a time a person typed: a {@code datetime-local} value in the node's zone ({@code
   * 2026-12-01T09:15}, seconds optional) or an ISO-8601 instant ({@code 2026-12-01T03:15:00Z}).
   */
  public Optional<Instant> parse(String text) {
    if (text == null || text.length() > 40) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException notAnInstant) {
      try {
        return Optional.of(LocalDateTime.parse(text).atZone(zone).toInstant());
      } catch (DateTimeParseException notLocal) {
        return Optional.empty();
      }
    }
  }
}
