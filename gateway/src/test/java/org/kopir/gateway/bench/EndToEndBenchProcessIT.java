package org.kopir.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.cli.DemoCommand;
import org.kopir.gateway.testsupport.NodeProcess;
import org.kopir.gateway.testsupport.PostgresTestDatabase;

/**
 * The end-to-end benchmark still works: {@code --quick} runs both pipelines on node processes and
 * writes its results file with the fields the performance notes are read from. It asserts that
 * every message arrived and the figures are there, never how fast they are (a shared CI machine
 * makes speed meaningless here; docs/performance.md has the measured figures).
 */
class EndToEndBenchProcessIT {

  @TempDir Path out;

  /** The nodes' data and logs, about 90 MB a run, deleted with the test. */
  @TempDir Path work;

  @BeforeEach
  void needsThePackagedJar() {
    Assumptions.assumeTrue(
        NodeProcess.jarExists(),
        "needs " + NodeProcess.JAR + ": run through 'mvn verify' (failsafe runs after package)");
  }

  @Test
  void theQuickBenchmarkRunsBothPipelinesAndWritesItsFigures() throws Exception {
    Path results =
        EndToEndBench.run("--quick", "true", "--out", out.toString(), "--work", work.toString());

    JsonNode json = new ObjectMapper().readTree(Files.readString(results));
    List<String> runs = new ArrayList<>();
    Instant previousStart = Instant.EPOCH;
    for (JsonNode run : json.path("runs")) {
      runs.add(run.path("pipeline").asText() + " " + run.path("name").asText());
      // the wall-clock start, to line a run's slow referrals up with the nodes' own logs
      Instant started = Instant.parse(run.path("startedAt").asText());
      assertThat(started)
          .isAfter(previousStart)
          .isBefore(Instant.parse(json.path("time").asText()));
      previousStart = started;
      assertThat(run.path("messages").asInt()).isPositive();
      assertThat(run.path("throughputPerSecond").asDouble()).isPositive();
      for (String node : List.of("kz", "kg")) {
        JsonNode cpu = run.path("cpuMillisPerMessage").path(node);
        assertThat(cpu.path("withoutJit").isNumber()).as(node + " withoutJit").isTrue();
        assertThat(cpu.path("total").asDouble()).as(node + " CPU").isPositive();
        assertThat(cpu.path("threads").size()).as(node + " thread groups").isPositive();
        // Whether a short run has a collection at all depends on the heap's sizing; the pauses it
        // had are counted, with their time.
        JsonNode pauses = run.path("gcPauses").path(node);
        assertThat(pauses.path("count").isIntegralNumber()).as(node + " GC pauses").isTrue();
        assertThat(pauses.path("count").asLong()).as(node + " GC pauses").isNotNegative();
        assertThat(pauses.path("millis").isNumber()).as(node + " GC pause time").isTrue();
        assertThat(pauses.path("millis").asDouble()).as(node + " GC pause time").isNotNegative();
        assertThat(pauses.path("concurrentCount").isIntegralNumber())
            .as(node + " remarks")
            .isTrue();
        assertThat(pauses.path("concurrentMillis").asDouble())
            .as(node + " remarks")
            .isNotNegative();
      }
      assertThat(run.path("cpuMillisPerMessage").path("client").path("total").asDouble())
          .isPositive();
      // Every message is on record at both nodes in the full pipeline; nothing is audited in the
      // transport-only one, whose trail is never built.
      for (String node : List.of("kz", "kg")) {
        JsonNode audit = run.path("auditWriter").path(node);
        if (run.path("pipeline").asText().equals("full")) {
          assertThat(audit.path("commitsPerMessage").asDouble()).as(node + " commits").isPositive();
          assertThat(audit.path("appendsPerCommit").asDouble())
              .as(node + " appends per commit")
              .isGreaterThanOrEqualTo(1);
        } else {
          assertThat(audit.path("commitsPerMessage").asDouble()).as(node + " commits").isZero();
        }
      }
    }
    // The open-loop run of the full pipeline is traced through both nodes' audit records: every
    // referral's phases, and the slowest of them.
    JsonNode paths = json.path("runs").get(1).path("paths");
    assertThat(paths.path("referrals").asInt())
        .isEqualTo(json.path("runs").get(1).path("messages").asInt());
    assertThat(paths.path("phasesMillis").size()).isEqualTo(MessagePaths.PHASES.size());
    assertThat(paths.path("slowest").size()).isEqualTo(MessagePaths.SLOWEST_AT_LEAST);
    assertThat(paths.path("slowest"))
        .as("each names the collections its way met, from the nodes' GC logs")
        .allSatisfy(slow -> assertThat(slow.path("collections").isArray()).isTrue());
    assertThat(json.path("runs").get(3).has("paths")).as("transport-only is not traced").isFalse();
    assertThat(runs)
        .containsExactly(
            "full max-throughput",
            "full half-rate",
            "transport-only max-throughput",
            "transport-only half-rate");
    assertThat(json.path("overhead").path("throughputRatio").asDouble()).isPositive();
    assertThat(json.path("memoryMiB").path("full").path("kz").path("rss").asDouble()).isPositive();
    assertThat(json.path("memoryMiB").path("full").path("kg").path("storeFile").asDouble())
        .as("the embedded store file's size")
        .isPositive();
    assertThat(json.path("memoryMiB").path("full").path("kg").path("storeFillPercent").asDouble())
        .as("the embedded store's fill, as its gauge reads")
        .isBetween(1.0, 100.0);
    assertThat(work.resolve(Pipeline.FULL.label()).resolve("kz"))
        .as("the nodes' data and logs under --work")
        .isDirectory();
    assertThat(json.path("store").asText()).isEqualTo("h2");
    assertThat(json.path("messageIds").asText()).isEqualTo("random");
    // Which build and settings ran, for comparing two (AlternatingBench).
    try (InputStream jar = Files.newInputStream(NodeProcess.JAR)) {
      assertThat(json.path("nodes").path("jarSha256").asText())
          .isEqualTo(DigestUtils.sha256Hex(jar));
    }
    assertThat(json.path("nodes").path("layout").asText()).isEqualTo("shipped");
    assertThat(json.path("nodes").path("jvmOptions").asText())
        .isEqualTo(DemoCommand.DEFAULT_JVM_OPTIONS);
    assertThat(json.path("runs").get(0).path("cpuMillisPerMessage").has("database"))
        .as("no database server on H2")
        .isFalse();
  }

  @Test
  void onPostgresqlTheNodesKeepTheirDataInFreshDatabasesWhoseServersCpuIsCounted()
      throws Exception {
    Path results =
        EndToEndBench.run(
            "--quick",
            "true",
            "--store",
            "postgresql",
            "--out",
            out.toString(),
            "--work",
            work.toString());

    JsonNode json = new ObjectMapper().readTree(Files.readString(results));
    assertThat(json.path("store").asText()).isEqualTo("postgresql");
    // The server the tests use runs on this machine in CI and here; elsewhere it is not measured.
    // An idle server uses no measurable CPU, so the full pipeline's figure shows the nodes wrote
    // there (the transport-only routes write nothing per message).
    boolean serverHere = ProcessStats.processesNamed(Store.POSTGRESQL_PROCESS).isPresent();
    for (JsonNode run : json.path("runs")) {
      String name = run.path("pipeline").asText() + " " + run.path("name").asText();
      assertThat(run.path("throughputPerSecond").asDouble()).as(name).isPositive();
      JsonNode database = run.path("cpuMillisPerMessage").path("database");
      assertThat(database.has("total"))
          .as(name + ": the database server measured")
          .isEqualTo(serverHere);
      if (run.path("pipeline").asText().equals("full")) {
        assertThat(run.path("auditWriter").path("kz").path("commitsPerMessage").asDouble())
            .as(name + ": the trail is written")
            .isPositive();
        if (serverHere) {
          assertThat(database.path("total").asDouble())
              .as(name + ": the database server's CPU")
              .isPositive();
        }
      }
    }
    assertThat(json.path("memoryMiB").path("full").path("kz").has("storeFile"))
        .as("no embedded store file")
        .isFalse();
    assertThat(json.path("memoryMiB").path("full").path("kz").has("storeFillPercent"))
        .as("no embedded store to fill")
        .isFalse();
    assertThat(PostgresTestDatabase.databasesStartingWith("kopir_bench_"))
        .as("the run's databases are dropped")
        .isEmpty();
  }
}
