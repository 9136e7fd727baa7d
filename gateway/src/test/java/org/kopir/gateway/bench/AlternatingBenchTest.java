package org.kopir.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlternatingBenchTest {

  private static final AlternatingBench.Variant BEFORE =
      new AlternatingBench.Variant("before", Path.of("before.jar"), "-Xmx512m");
  private static final AlternatingBench.Variant AFTER =
      new AlternatingBench.Variant("after", Path.of("after.jar"), "-Xmx512m");

  @TempDir Path dir;

  @Test
  void eachPairAlternatesWhichVariantGoesFirst() {
    assertThat(AlternatingBench.order(BEFORE, AFTER, 3))
        .containsExactly(BEFORE, AFTER, AFTER, BEFORE, BEFORE, AFTER);
    assertThat(AlternatingBench.order(BEFORE, AFTER, 1)).containsExactly(BEFORE, AFTER);
  }

  @Test
  void theCommandLinesPairsAreReadByNameInTheOrderGivenAndADanglingNameIsIgnored() {
    assertThat(
            EndToEndBench.arguments(
                "--pairs",
                "5",
                "--a-jvm-options",
                "-Xmx512m -XX:+UseG1GC",
                "--messages",
                "40",
                "--quick"))
        .containsExactly(
            Map.entry("pairs", "5"),
            Map.entry("a-jvm-options", "-Xmx512m -XX:+UseG1GC"),
            Map.entry("messages", "40"));
  }

  @Test
  void eachRunGetsTheCommonArgumentsItsVariantsJarAndOptionsAndAWorkDirectoryOfItsOwn() {
    Map<String, String> everyRun = new LinkedHashMap<>();
    everyRun.put("messages", "5000");
    everyRun.put("profile", "false");

    assertThat(AlternatingBench.arguments(everyRun, "/tmp/w", 2, AFTER))
        .containsExactly(
            "--messages",
            "5000",
            "--profile",
            "false",
            "--work",
            "/tmp/w/2-after",
            "--jar",
            "after.jar",
            "--jvm-options",
            "-Xmx512m");
    assertThat(AlternatingBench.arguments(everyRun, "/tmp/w", 3, AFTER)).contains("/tmp/w/3-after");
    assertThat(AlternatingBench.arguments(everyRun, null, 1, BEFORE))
        .as("without --work each run makes its own temporary directory")
        .doesNotContain("--work");
  }

  @Test
  void summaryGivesEachRunsFiguresAndCountsThePairsThatFavouredEachVariant() throws IOException {
    List<AlternatingBench.Outcome> outcomes =
        List.of(
            outcome(BEFORE, "r1.json", 55.3, 12.0, 10.0, 68.8, 145.3),
            outcome(AFTER, "r2.json", 60.2, 10.5, 9.0, 88.0, 170.8),
            outcome(AFTER, "r3.json", 54.8, 11.0, 10.0, 121.0, 161.2),
            outcome(BEFORE, "r4.json", 55.5, 11.0, 10.0, 232.0, 155.0));

    String summary = AlternatingBench.summary(outcomes);

    assertThat(summary)
        .contains("| 1 | before | r1.json | 55.3 | 22.0 | 68.8 | 145.3 |")
        .contains("| 2 | after | r2.json | 60.2 | 19.5 | 88.0 | 170.8 |")
        .contains("| 3 | after | r3.json | 54.8 | 21.0 | 121.0 | 161.2 |")
        .contains("| 4 | before | r4.json | 55.5 | 21.0 | 232.0 | 155.0 |")
        // Higher is better: pair 1 after, pair 2 before.
        .contains("full max referrals/s: before in 1 of 2 pairs, after in 1 of 2 pairs")
        // Lower is better; pair 2 is a tie and favours neither.
        .contains("kz + kg CPU ms/referral without JIT: before in 0 of 2 pairs, after in 1 of 2")
        .contains("half-rate p99 ms: before in 1 of 2 pairs, after in 1 of 2 pairs")
        .contains("transport-only max msg/s: before in 0 of 2 pairs, after in 2 of 2 pairs");
  }

  @Test
  void aResultsFileWithoutTheFullPipelinesMaximumIsRefused() throws IOException {
    Path results = dir.resolve("partial.json");
    Files.writeString(
        results,
        """
        {"runs": [{"pipeline": "transport-only", "name": "max-throughput",
                   "throughputPerSecond": 100.0}]}
        """);

    assertThatThrownBy(
            () ->
                AlternatingBench.summary(
                    List.of(
                        new AlternatingBench.Outcome(BEFORE, results),
                        new AlternatingBench.Outcome(AFTER, results))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no full max-throughput run");
  }

  /** A results file as {@link EndToEndBench} writes it, with the figures the summary reads. */
  private AlternatingBench.Outcome outcome(
      AlternatingBench.Variant variant,
      String name,
      double fullMax,
      double kzWithoutJit,
      double kgWithoutJit,
      double halfRateP99,
      double transportMax)
      throws IOException {
    Path results = dir.resolve(name);
    Files.writeString(
        results,
        """
        {"runs": [
          {"pipeline": "full", "name": "max-throughput", "throughputPerSecond": %s,
           "cpuMillisPerMessage": {"kz": {"total": 20.0, "withoutJit": %s},
                                   "kg": {"total": 15.0, "withoutJit": %s}},
           "latencyMillis": {"p99": 40000.0}},
          {"pipeline": "full", "name": "half-rate", "throughputPerSecond": 25.0,
           "latencyMillis": {"p99": %s}},
          {"pipeline": "transport-only", "name": "max-throughput", "throughputPerSecond": %s},
          {"pipeline": "transport-only", "name": "half-rate", "throughputPerSecond": 25.0,
           "latencyMillis": {"p99": 12.0}}
        ]}
        """
            .formatted(fullMax, kzWithoutJit, kgWithoutJit, halfRateP99, transportMax));
    return new AlternatingBench.Outcome(variant, results);
  }
}
