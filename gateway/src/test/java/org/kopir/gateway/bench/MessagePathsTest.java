package org.kopir.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagePathsTest {

  private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");

  private final Map<String, Instant> submitted = new HashMap<>();
  private final Map<String, Instant> arrived = new HashMap<>();
  private final Map<String, Map<String, Instant>> events = new HashMap<>();

  /** A referral submitted {@code at} ms after the start, with each phase taking the given ms. */
  private void referral(String id, long at, long... phaseMillis) {
    Instant time = START.plusMillis(at);
    submitted.put(id, time);
    Map<String, Instant> times = new HashMap<>();
    int i = 0;
    for (String event : MessagePaths.PHASES.values()) {
      time = time.plusMillis(phaseMillis[i++]);
      if (event == null) {
        arrived.put(id, time);
      } else {
        times.put(event, time);
      }
    }
    events.put(id, times);
  }

  @Test
  void eachPhaseRunsFromThePreviousStepsRecordToItsOwn() {
    referral("a", 2_000, 12, 239, 52, 1);

    MessagePaths.Path path =
        MessagePaths.of(submitted, arrived::get, events, START, List.of()).slowest().get(0);

    assertThat(path.messageId()).isEqualTo("a");
    assertThat(path.submittedAfterSeconds()).isEqualTo(2.0);
    assertThat(path.latencyMillis()).isEqualTo(304.0);
    assertThat(path.phaseMillis()).containsExactly(12, 239, 52, 1);
  }

  @Test
  void aStepRecordedAfterTheInboxReadLeavesTheInboxPhaseAtZero() {
    // The inbox queue is written before the enqueued record commits, so the agency can read first.
    referral("a", 0, 10, 15, 8, 0);
    events.get("a").put("inbox.enqueued", arrived.get("a").plusMillis(3));

    MessagePaths.Path path =
        MessagePaths.of(submitted, arrived::get, events, START, List.of()).slowest().get(0);

    assertThat(path.phaseMillis()).containsExactly(10, 15, 11, 0);
  }

  @Test
  void aReferralWithoutEveryStepOnRecordIsLeftOut() {
    referral("complete", 0, 1, 1, 1, 1);
    referral("unverified", 0, 1, 1, 1, 1);
    events.get("unverified").remove("border.verified");
    referral("not arrived", 0, 1, 1, 1, 1);
    arrived.remove("not arrived");

    MessagePaths paths = MessagePaths.of(submitted, arrived::get, events, START, List.of());

    assertThat(paths.count()).isEqualTo(1);
    assertThat(paths.slowest())
        .extracting(MessagePaths.Path::messageId)
        .containsExactly("complete");
  }

  @Test
  void theSlowestAreTheSlowestPercentButAtLeastThreeSlowestFirst() {
    for (int i = 0; i < 500; i++) {
      referral("m" + i, i * 50L, 10, 5 + i, 8, 1);
    }

    MessagePaths paths = MessagePaths.of(submitted, arrived::get, events, START, List.of());

    assertThat(paths.slowest())
        .extracting(MessagePaths.Path::messageId)
        .containsExactly("m499", "m498", "m497", "m496", "m495");
    submitted.keySet().retainAll(List.of("m1", "m2", "m3", "m4"));
    assertThat(MessagePaths.of(submitted, arrived::get, events, START, List.of()).slowest())
        .hasSize(3);
  }

  @Test
  void aSlowReferralNamesTheCollectionsAtEitherNodeThatFellWithinItsWay() {
    referral("slow", 10_000, 5, 200, 10, 1);
    referral("quick", 20_000, 5, 5, 5, 1);
    Instant slowSubmitted = START.plusMillis(10_000);
    List<GcEvents.Event> collections =
        List.of(
            // ended 50 ms after the submission, began 14 ms before it: part of it on the way
            new GcEvents.Event("kg", "Pause Young (Normal)", slowSubmitted.plusMillis(50), 64),
            new GcEvents.Event("kz", "Concurrent Mark Cycle", slowSubmitted.plusMillis(300), 290),
            // over before the slow referral was submitted, and before the quick one
            new GcEvents.Event("kz", "Pause Remark", slowSubmitted.minusMillis(5), 2),
            // after the slow referral arrived (216 ms after its submission)
            new GcEvents.Event("kg", "Pause Cleanup", slowSubmitted.plusMillis(400), 1));

    MessagePaths paths = MessagePaths.of(submitted, arrived::get, events, START, collections);

    MessagePaths.Path slow = paths.slowest().get(0);
    assertThat(slow.messageId()).isEqualTo("slow");
    assertThat(slow.collections())
        .extracting(GcEvents.Event::node, GcEvents.Event::what)
        .containsExactly(tuple("kg", "Pause Young (Normal)"), tuple("kz", "Concurrent Mark Cycle"));
    assertThat(paths.slowest().get(1).collections()).isEmpty();
    JsonNode met = paths.toJson().path("slowest").get(0).path("collections");
    assertThat(met).hasSize(2);
    assertThat(met.get(0).path("node").asText()).isEqualTo("kg");
    assertThat(met.get(0).path("millis").asDouble()).isEqualTo(64.0);
    assertThat(met.get(1).path("event").asText()).isEqualTo("Concurrent Mark Cycle");
  }

  @Test
  void percentilesAreTakenPhaseByPhase() {
    for (int i = 1; i <= 100; i++) {
      referral("m" + i, 0, 10, i, 8, 1);
    }

    MessagePaths paths = MessagePaths.of(submitted, arrived::get, events, START, List.of());

    assertThat(paths.phaseMillisAt(0, 99)).isEqualTo(10.0);
    assertThat(paths.phaseMillisAt(1, 50)).isEqualTo(50.0);
    assertThat(paths.phaseMillisAt(1, 99)).isEqualTo(99.0);
    JsonNode json = paths.toJson();
    assertThat(json.path("referrals").asInt()).isEqualTo(100);
    assertThat(json.path("phasesMillis").path("forwarding").path("p99").asDouble()).isEqualTo(99);
    assertThat(json.path("slowest").get(0).path("phasesMillis").path("forwarding").asDouble())
        .isEqualTo(100);
  }
}
