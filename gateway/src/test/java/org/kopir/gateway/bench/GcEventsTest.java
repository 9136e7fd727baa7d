package org.kopir.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcEventsTest {

  /** Lines as G1 on JDK 25 writes them with {@link GcEvents#jvmOption}. */
  private static final List<String> LOG =
      List.of(
          "[2026-12-07T05:47:40.001+0000] Using G1",
          "[2026-12-07T05:47:55.652+0000] GC(107) Pause Young (Prepare Mixed) (G1 Evacuation Pause)"
              + " 229M->95M(243M) 63.749ms",
          "[2026-12-07T05:47:55.824+0000] GC(176) Concurrent Mark Cycle",
          "[2026-12-07T05:47:56.142+0000] GC(176) Pause Remark 140M->140M(251M) 2.360ms",
          "[2026-12-07T05:47:56.209+0000] GC(176) Pause Cleanup 142M->142M(251M) 0.118ms",
          "[2026-12-07T05:47:56.214+0000] GC(176) Concurrent Mark Cycle 390.427ms",
          "[2026-12-07T05:47:58.396+0000] GC(8) Pause Full (G1 Compaction Pause) 63M->22M(64M)"
              + " 14.582ms",
          "[2026-12-07T05:47:58.400+0000] GC(9) Pause Young (Normal) (G1 Evacuation Pause)"
              + " (Evacuation Failure: Allocation) 58M->59M(64M) 1.012ms");

  @Test
  void eachPauseAndEachFinishedConcurrentCycleIsAnEventEndingWhenItWasLogged() {
    List<GcEvents.Event> events = GcEvents.parse("kz", LOG);

    assertThat(events)
        .extracting(GcEvents.Event::what)
        .containsExactly(
            "Pause Young (Prepare Mixed)",
            "Pause Remark",
            "Pause Cleanup",
            "Concurrent Mark Cycle",
            "Pause Full (G1 Compaction Pause)",
            "Pause Young (Normal)");
    GcEvents.Event young = events.get(0);
    assertThat(young.node()).isEqualTo("kz");
    assertThat(young.ended()).isEqualTo(Instant.parse("2026-12-07T05:47:55.652Z"));
    assertThat(young.millis()).isEqualTo(63.749);
    assertThat(young.began()).isEqualTo(Instant.parse("2026-12-07T05:47:55.588251Z"));
    assertThat(events.get(3).millis()).isEqualTo(390.427);
  }

  @Test
  void anEventIsBetweenTwoTimesWhenAnyPartOfItIs() {
    List<GcEvents.Event> events = GcEvents.parse("kg", LOG);
    // the young pause ended at .652; the cycle, 390.427 ms long, began at .823573
    assertThat(
            GcEvents.between(
                events,
                Instant.parse("2026-12-07T05:47:55.650Z"),
                Instant.parse("2026-12-07T05:47:55.830Z")))
        .extracting(GcEvents.Event::what)
        .containsExactly("Pause Young (Prepare Mixed)", "Concurrent Mark Cycle");
    assertThat(
            GcEvents.between(
                events,
                Instant.parse("2026-12-07T05:47:55.653Z"),
                Instant.parse("2026-12-07T05:47:55.803Z")))
        .isEmpty();
  }

  @Test
  void theJvmOptionWritesTheLogThatIsRead(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("kz-gc.log");
    assertThat(GcEvents.jvmOption(log)).isEqualTo("-Xlog:gc:file=" + log + ":utctime");
    assertThat(GcEvents.read("kz", log)).as("no log yet").isEmpty();

    Files.write(log, LOG);

    assertThat(GcEvents.read("kz", log)).hasSize(6);
  }
}
