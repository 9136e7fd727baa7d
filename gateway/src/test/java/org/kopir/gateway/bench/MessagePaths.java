package org.kopir.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.kopir.gateway.testsupport.Http;

/**
 * Where a run's referrals spent their time between submission and the recipient's inbox, phase by
 * phase, from the steps' own audit records at both nodes (read as an auditor after the run) and the
 * benchmark's submission and arrival times (both nodes and the benchmark share one clock). A phase
 * ends with the first record of its event:
 *
 * <ol>
 *   <li>{@code intake}: submitted → {@code message.signed} at the sender (validation,
 *       pseudonymization, sealing, signature, the registration's commit);
 *   <li>{@code forwarding}: → {@code border.verified} at the recipient (the outbound queue, its
 *       consumer, the HTTPS request, the verification, its commit with the registration; the
 *       sender's {@code delivery.attempted} commits with the attempt's outcome, after it);
 *   <li>{@code delivery}: → {@code inbox.enqueued} (the inbox queue, the enqueued commit);
 *   <li>{@code inbox}: → read by the recipient agency's system.
 * </ol>
 *
 * Audit times have millisecond precision, so a phase under a millisecond may show as 0. Each of the
 * slowest referrals also names the garbage collections at either node that fell within its way
 * ({@link GcEvents}): a pause stops a node, a concurrent cycle takes one of the two cores.
 */
final class MessagePaths {

  /** The phases in order, each with the audit event that ends it (null: the inbox read). */
  static final Map<String, String> PHASES = phases();

  /** The audit events that end a phase, in order (every phase but the inbox read). */
  private static final List<String> EVENTS =
      PHASES.values().stream().filter(event -> event != null).toList();

  /** How many of the slowest referrals are shown: the slowest 1 %, at least this many. */
  static final int SLOWEST_AT_LEAST = 3;

  /** No paths: a run that is not traced (closed loop, or the transport-only pipeline). */
  static final MessagePaths NONE = new MessagePaths(List.of());

  private static final int PAGE_SIZE = 500;

  /**
   * One referral's way: when it was submitted (seconds after the run started), its phases, and the
   * collections at either node between its submission and its arrival.
   */
  record Path(
      String messageId,
      double submittedAfterSeconds,
      double latencyMillis,
      double[] phaseMillis,
      List<GcEvents.Event> collections) {}

  private final List<Path> paths;

  MessagePaths(List<Path> paths) {
    this.paths = List.copyOf(paths);
  }

  private static Map<String, String> phases() {
    Map<String, String> phases = new LinkedHashMap<>();
    phases.put("intake", "message.signed");
    phases.put("forwarding", "border.verified");
    phases.put("delivery", "inbox.enqueued");
    phases.put("inbox", null);
    return phases;
  }

  /**
   * Reads both nodes' records of the run (time window {@code start} to {@code end}) and puts each
   * referral's phases together.
   */
  static MessagePaths read(
      NodePair nodes,
      Map<String, Instant> submittedAt,
      Function<String, Instant> arrivedAt,
      Instant start,
      Instant end) {
    Instant to = end.plusSeconds(1);
    Map<String, Map<String, Instant>> events = new HashMap<>();
    for (var node : List.of(nodes.kz(), nodes.kg())) {
      stepTimes(node.person("auditor"), node.localUrl(), start, to, submittedAt.keySet())
          .forEach((id, times) -> events.computeIfAbsent(id, k -> new HashMap<>()).putAll(times));
    }
    return of(submittedAt, arrivedAt, events, start, nodes.collections());
  }

  /**
   * The paths of the referrals whose every phase is on record, from their submission and arrival
   * times (null: not arrived), the first time of each event by message id and both nodes'
   * collections.
   */
  static MessagePaths of(
      Map<String, Instant> submittedAt,
      Function<String, Instant> arrivedAt,
      Map<String, Map<String, Instant>> events,
      Instant start,
      List<GcEvents.Event> collections) {
    List<Path> paths = new ArrayList<>();
    for (var submitted : submittedAt.entrySet()) {
      String id = submitted.getKey();
      Instant arrived = arrivedAt.apply(id);
      Map<String, Instant> times = events.getOrDefault(id, Map.of());
      if (arrived == null || !times.keySet().containsAll(EVENTS)) {
        continue;
      }
      double[] phases = new double[PHASES.size()];
      Instant previous = submitted.getValue();
      int i = 0;
      for (String event : PHASES.values()) {
        Instant ends = event == null ? arrived : times.get(event);
        phases[i++] = Math.max(0, Duration.between(previous, ends).toNanos() / 1e6);
        previous = ends.isAfter(previous) ? ends : previous;
      }
      paths.add(
          new Path(
              id,
              Duration.between(start, submitted.getValue()).toMillis() / 1000.0,
              Duration.between(submitted.getValue(), arrived).toNanos() / 1e6,
              phases,
              GcEvents.between(collections, submitted.getValue(), arrived)));
    }
    return new MessagePaths(paths);
  }

  /** The first time of each phase's event, by message id, of the given messages. */
  private static Map<String, Map<String, Instant>> stepTimes(
      Http auditor, String nodeUrl, Instant from, Instant to, Set<String> messages) {
    Map<String, Map<String, Instant>> times = new HashMap<>();
    for (int page = 0; ; page++) {
      Http.Answer answer =
          auditor.get(
              nodeUrl
                  + "/api/v1/audit/records?from="
                  + from
                  + "&to="
                  + to
                  + "&size="
                  + PAGE_SIZE
                  + "&page="
                  + page);
      if (answer.status() != 200) {
        throw new IllegalStateException("audit records answered " + answer.status());
      }
      JsonNode records = answer.json().path("records");
      for (JsonNode record : records) {
        String id = record.path("messageId").asText(null);
        String event = record.path("event").asText();
        if (id != null && messages.contains(id) && EVENTS.contains(event)) {
          times
              .computeIfAbsent(id, k -> new HashMap<>())
              .putIfAbsent(event, Instant.parse(record.path("time").asText()));
        }
      }
      if (records.size() < PAGE_SIZE) {
        return times;
      }
    }
  }

  /** How many referrals have every phase on record. */
  int count() {
    return paths.size();
  }

  /**
   * The {@code percentile} (nearest rank) of phase {@code phase}, an index into {@link #PHASES}, in
   * ms; 0 without paths.
   */
  double phaseMillisAt(int phase, double percentile) {
    double[] millis =
        paths.stream().mapToDouble(path -> path.phaseMillis()[phase]).sorted().toArray();
    if (millis.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percentile / 100 * millis.length);
    return millis[Math.max(0, rank - 1)];
  }

  /** The slowest 1 % of the referrals, at least {@link #SLOWEST_AT_LEAST}, slowest first. */
  List<Path> slowest() {
    int count = Math.min(paths.size(), Math.max(SLOWEST_AT_LEAST, paths.size() / 100));
    return paths.stream()
        .sorted(Comparator.comparingDouble(Path::latencyMillis).reversed())
        .limit(count)
        .toList();
  }

  void print(String run) {
    StringBuilder phases = new StringBuilder();
    int i = 0;
    for (String phase : PHASES.keySet()) {
      phases.append(
          String.format(
              "%s%s %.0f / %.0f",
              i == 0 ? "" : ", ", phase, phaseMillisAt(i, 50), phaseMillisAt(i, 99)));
      i++;
    }
    System.out.printf(
        "%s: submit→inbox by phase, ms p50 / p99 of %d referrals: %s%n", run, count(), phases);
    for (Path path : slowest()) {
      StringBuilder each = new StringBuilder();
      i = 0;
      for (String phase : PHASES.keySet()) {
        each.append(String.format("%s%s %.0f", i == 0 ? "" : ", ", phase, path.phaseMillis()[i]));
        i++;
      }
      String before = "; met";
      for (GcEvents.Event collection : path.collections()) {
        each.append(
            String.format(
                "%s %s %s %.0f ms",
                before, collection.node(), collection.what(), collection.millis()));
        before = ",";
      }
      System.out.printf(
          "  slow: %.0f ms, submitted at +%.1f s: %s%n",
          path.latencyMillis(), path.submittedAfterSeconds(), each);
    }
  }

  ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("referrals", count());
    ObjectNode phases = json.putObject("phasesMillis");
    int i = 0;
    for (String phase : PHASES.keySet()) {
      phases.putObject(phase).put("p50", phaseMillisAt(i, 50)).put("p99", phaseMillisAt(i, 99));
      i++;
    }
    for (Path path : slowest()) {
      ObjectNode slow =
          json.withArray("slowest")
              .addObject()
              .put("messageId", path.messageId())
              .put("submittedAfterSeconds", path.submittedAfterSeconds())
              .put("latencyMillis", path.latencyMillis());
      ObjectNode each = slow.putObject("phasesMillis");
      i = 0;
      for (String phase : PHASES.keySet()) {
        each.put(phase, path.phaseMillis()[i++]);
      }
      var met = slow.putArray("collections");
      for (GcEvents.Event collection : path.collections()) {
        met.addObject()
            .put("node", collection.node())
            .put("event", collection.what())
            .put("millis", collection.millis())
            .put("ended", collection.ended().toString());
      }
    }
    return json;
  }
}
