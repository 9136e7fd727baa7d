package org.kopir.gateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.kopir.gateway.testsupport.NodeProcess;

/**
 * The benchmark's results: one table on standard output and one JSON file under {@code
 * bench/results/}, with the overhead of processing as ratios of the full pipeline to the
 * transport-only baseline.
 */
final class BenchReport {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ROW = "%-15s %-15s %8s %10s %8s %9s %9s %9s %9s %10s %10s%n";

  /** One measured run. */
  record Run(
      Pipeline pipeline,
      String name,
      int messages,
      double offeredRate,
      double throughput,
      Histogram latencyMicros,
      Map<String, Double> cpuSeconds,
      double wallSeconds) {

    double cpuMillisPerMessage(String node) {
      return cpuSeconds.get(node) * 1000 / messages;
    }

    double millisAt(double percentile) {
      return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  private final int concurrency;
  private final int payloadBytes;
  private final List<Run> runs = new ArrayList<>();
  private final ObjectNode memory = MAPPER.createObjectNode();

  BenchReport(int concurrency, int payloadBytes) {
    this.concurrency = concurrency;
    this.payloadBytes = payloadBytes;
  }

  void add(Run... measured) {
    runs.addAll(Arrays.asList(measured));
  }

  /** RSS and peak RSS of both nodes, read at the end of a pipeline's runs. */
  void memory(NodePair nodes) throws IOException {
    ObjectNode pipeline = memory.putObject(nodes.pipeline().label());
    for (NodeProcess node : List.of(nodes.kz(), nodes.kg())) {
      Map<String, Double> mib = ProcessStats.memoryMiB(node.pid());
      pipeline.putObject(node.id()).put("rss", mib.get("VmRSS")).put("peakRss", mib.get("VmHWM"));
    }
  }

  void print() {
    System.out.println();
    System.out.printf(
        ROW,
        "pipeline",
        "run",
        "messages",
        "offered/s",
        "msg/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "kz cpu/msg",
        "kg cpu/msg");
    for (Run run : runs) {
      System.out.printf(
          ROW,
          run.pipeline().label(),
          run.name(),
          run.messages(),
          run.offeredRate() > 0 ? String.format("%.1f", run.offeredRate()) : "max",
          String.format("%.1f", run.throughput()),
          String.format("%.1f", run.millisAt(50)),
          String.format("%.1f", run.millisAt(90)),
          String.format("%.1f", run.millisAt(99)),
          String.format("%.1f", run.latencyMicros().getMaxValue() / 1000.0),
          String.format("%.2f ms", run.cpuMillisPerMessage("kz")),
          String.format("%.2f ms", run.cpuMillisPerMessage("kg")));
    }
    ObjectNode overhead = overhead();
    System.out.println();
    System.out.printf(
        "overhead of processing (full / transport-only): max throughput x%.2f lower, "
            + "CPU per message kz x%.1f, kg x%.1f, both x%.1f; "
            + "p50 at %.1f msg/s %.1f ms vs %.1f ms%n",
        overhead.path("throughputRatio").asDouble(),
        overhead.path("cpuPerMessageRatio").path("kz").asDouble(),
        overhead.path("cpuPerMessageRatio").path("kg").asDouble(),
        overhead.path("cpuPerMessageRatio").path("both").asDouble(),
        overhead.path("sameRatePerSecond").asDouble(),
        overhead.path("sameRateP50Millis").path("full").asDouble(),
        overhead.path("sameRateP50Millis").path("transportOnly").asDouble());
    memory
        .properties()
        .forEach(
            pipeline ->
                pipeline
                    .getValue()
                    .properties()
                    .forEach(
                        node ->
                            System.out.printf(
                                "%s %s: RSS %.0f MiB, peak RSS %.0f MiB%n",
                                pipeline.getKey(),
                                node.getKey(),
                                node.getValue().path("rss").asDouble(),
                                node.getValue().path("peakRss").asDouble())));
  }

  /** Full pipeline over the transport-only baseline, from the runs of the same name. */
  private ObjectNode overhead() {
    Run fullMax = find(Pipeline.FULL, "max-throughput");
    Run transportMax = find(Pipeline.TRANSPORT_ONLY, "max-throughput");
    Run fullHalf = find(Pipeline.FULL, "half-rate");
    Run transportHalf = find(Pipeline.TRANSPORT_ONLY, "half-rate");
    ObjectNode overhead = MAPPER.createObjectNode();
    overhead.put("throughputRatio", transportMax.throughput() / fullMax.throughput());
    ObjectNode cpu = overhead.putObject("cpuPerMessageRatio");
    for (String node : List.of("kz", "kg")) {
      cpu.put(node, fullMax.cpuMillisPerMessage(node) / transportMax.cpuMillisPerMessage(node));
    }
    cpu.put(
        "both",
        (fullMax.cpuMillisPerMessage("kz") + fullMax.cpuMillisPerMessage("kg"))
            / (transportMax.cpuMillisPerMessage("kz") + transportMax.cpuMillisPerMessage("kg")));
    overhead.put("sameRatePerSecond", fullHalf.offeredRate());
    overhead
        .putObject("sameRateP50Millis")
        .put("full", fullHalf.millisAt(50))
        .put("transportOnly", transportHalf.millisAt(50));
    return overhead;
  }

  private Run find(Pipeline pipeline, String name) {
    return runs.stream()
        .filter(run -> run.pipeline() == pipeline && run.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + pipeline.label() + " " + name));
  }

  /** Writes the JSON report; returns its path. */
  Path write(Path dir) throws IOException {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("time", Instant.now().toString());
    ObjectNode machine = json.putObject("machine");
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    machine.put("memTotal", ProcessStats.memTotal());
    machine.put(
        "jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    json.put("concurrency", concurrency);
    json.put("payloadBytes", payloadBytes);
    ArrayNode results = json.putArray("runs");
    for (Run run : runs) {
      ObjectNode result = results.addObject();
      result.put("pipeline", run.pipeline().label());
      result.put("name", run.name());
      result.put("messages", run.messages());
      result.put("offeredRatePerSecond", run.offeredRate());
      result.put("throughputPerSecond", run.throughput());
      result.put("wallSeconds", run.wallSeconds());
      ObjectNode latency = result.putObject("latencyMillis");
      latency.put("p50", run.millisAt(50));
      latency.put("p90", run.millisAt(90));
      latency.put("p99", run.millisAt(99));
      latency.put("max", run.latencyMicros().getMaxValue() / 1000.0);
      latency.put("mean", run.latencyMicros().getMean() / 1000.0);
      result
          .putObject("cpuMillisPerMessage")
          .put("kz", run.cpuMillisPerMessage("kz"))
          .put("kg", run.cpuMillisPerMessage("kg"));
    }
    json.set("overhead", overhead());
    json.set("memoryMiB", memory);
    Files.createDirectories(dir);
    Path file =
        dir.resolve(
            "e2e-"
                + Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "")
                + ".json");
    Files.writeString(
        file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    return file;
  }
}
