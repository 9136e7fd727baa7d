package org.kopir.gateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's garbage collections, from its JVM's own log ({@link #jvmOption}): each pause, and each
 * concurrent cycle of G1, whose marking takes one of the machine's two cores while it runs. The
 * benchmark lines them up with its slowest referrals ({@link MessagePaths}).
 */
final class GcEvents {

  /** One collection: which node, what (as the JVM names it), when it ended and how long it took. */
  record Event(String node, String what, Instant ended, double millis) {

    Instant began() {
      return ended.minusNanos((long) (millis * 1e6));
    }

    /** Whether any of it fell between {@code from} and {@code to}. */
    boolean overlaps(Instant from, Instant to) {
      return !ended.isBefore(from) && !began().isAfter(to);
    }
  }

  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  /**
   * {@code [utctime] GC(n) Pause Young (Normal) (G1 Evacuation Pause) 229M->95M(243M) 63.749ms}, or
   * {@code ... GC(n) Concurrent Mark Cycle 390.427ms}: the kind is the pause's name with its first
   * qualifier, or the cycle's name.
   */
  private static final Pattern LINE =
      Pattern.compile(
          "^\\[([^\\]]+)\\] GC\\(\\d+\\) (Pause \\w+(?: \\([^)]*\\))?|Concurrent \\w+ Cycle)"
              + ".*?([0-9.]+)ms$");

  private GcEvents() {}

  /**
   * The JVM option that has a node log its collections to {@code log}: the pauses and cycles with
   * their end time, one line each.
   */
  static String jvmOption(Path log) {
    return "-Xlog:gc:file=" + log + ":utctime";
  }

  /** The collections a node logged, in order; none when it logged nothing. */
  static List<Event> read(String node, Path log) {
    if (!Files.exists(log)) {
      return List.of();
    }
    try {
      return parse(node, Files.readAllLines(log));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Event> parse(String node, List<String> lines) {
    List<Event> events = new ArrayList<>();
    for (String line : lines) {
      Matcher matcher = LINE.matcher(line);
      if (matcher.matches()) {
        events.add(
            new Event(
                node,
                matcher.group(2),
                OffsetDateTime.parse(matcher.group(1), UTC_TIME).toInstant(),
                Double.parseDouble(matcher.group(3))));
      }
    }
    return events;
  }

  /** The events of {@code events} with any part between {@code from} and {@code to}. */
  static List<Event> between(List<Event> events, Instant from, Instant to) {
    return events.stream().filter(event -> event.overlaps(from, to)).toList();
  }
}
