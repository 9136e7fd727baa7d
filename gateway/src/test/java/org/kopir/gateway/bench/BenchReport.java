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
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.kopir.gateway.testsupport.NodeProcess;

/**
 * The benchmark's results: one table on standard output and one JSON file under {@code
 * bench/results/}, with the overhead of processing as ratios of the full pipeline to the
 * transport-only baseline.
 */
final class BenchReport {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ENDED_THREADS = "ended threads";

  /**
   * A node's H2 store file in its data directory (application.yml, {@code spring.datasource.url}).
   */
  private static final Path H2_STORE_FILE = Path.of("db", "kopir.mv.db");

  private static final String PROFILE_ROW = "%-34s %9s %10s %9s %10s%n";
  private static final String ROW =
      "%-15s %-15s %8s %10s %8s %9s %9s %9s %9s %11s %8s %11s %8s %11s %8s %6s%n";
  private static final String THREAD_ROW = "%-24s %10s %10s %10s %10s%n";

  /** One measured run. */
  record Run(
      Pipeline pipeline,
      String name,
      Instant started,
      int messages,
      double offeredRate,
      double throughput,
      Histogram latencyMicros,
      Map<String, ProcessStats.CpuUse> cpu,
      Map<String, NodeMeters> meters,
      double stealPercent,
      double wallSeconds,
      Map<String, Map<String, Long>> profile,
      Map<String, CompilerWork> compiler,
      MessagePaths paths) {

    /** The meters read at {@code node} over the run; none for a node not read. */
    NodeMeters meters(String node) {
      return meters.getOrDefault(node, NodeMeters.NONE);
    }

    double cpuMillisPerMessage(String node) {
      return cpu.get(node).total() * 1000 / messages;
    }

    /** The audit writer's commits per message at {@code node}. */
    double auditCommitsPerMessage(String node) {
      return (double) meters(node).commits() / messages;
    }

    /** The steps' appends the audit writer's commits carried, on average, at {@code node}. */
    double auditAppendsPerCommit(String node) {
      return meters(node).appendsPerCommit();
    }

    /** KiB the node's Java code allocated per message (counted at young collections). */
    double allocatedKibPerMessage(String node) {
      return meters(node).allocatedBytes() / 1024.0 / messages;
    }

    /** The collector's pauses at {@code node} during the run (G1: young, mixed, full). */
    long gcPauses(String node) {
      return meters(node).gcPauses();
    }

    /** Milliseconds {@code node}'s threads stood still in {@link #gcPauses} during the run. */
    double gcPauseMillis(String node) {
      return meters(node).gcPauseSeconds() * 1000;
    }

    /**
     * What the JVM reported as concurrent collection at {@code node} during the run: with G1 the
     * remark and cleanup pauses of its concurrent cycles.
     */
    long gcConcurrent(String node) {
      return meters(node).gcConcurrent();
    }

    /** Milliseconds of {@link #gcConcurrent}. */
    double gcConcurrentMillis(String node) {
      return meters(node).gcConcurrentSeconds() * 1000;
    }

    /** The kernel's part of a node's CPU per message (system time). */
    double kernelMillisPerMessage(String node) {
      return cpu.get(node).kernel() * 1000 / messages;
    }

    double jitMillisPerMessage(String node) {
      return cpu.get(node).jit() * 1000 / messages;
    }

    double gcMillisPerMessage(String node) {
      return cpu.get(node).gc() * 1000 / messages;
    }

    /**
     * CPU per message of a thread group of a node; {@code ended threads} is what threads that ended
     * during the run used (the process total less its live threads).
     */
    double threadMillisPerMessage(String node, String group) {
      ProcessStats.CpuUse use = cpu.get(node);
      return millisPerMessage(use.total(), use.threads(), group);
    }

    /** The kernel's part of {@link #threadMillisPerMessage}. */
    double threadKernelMillisPerMessage(String node, String group) {
      ProcessStats.CpuUse use = cpu.get(node);
      return millisPerMessage(use.kernel(), use.kernelThreads(), group);
    }

    private double millisPerMessage(double total, Map<String, Double> groups, String group) {
      if (group.equals(ENDED_THREADS)) {
        double live = groups.values().stream().mapToDouble(Double::doubleValue).sum();
        return Math.max(0, total - live) * 1000 / messages;
      }
      return groups.getOrDefault(group, 0.0) * 1000 / messages;
    }

    /** Thread groups of both nodes, largest first, then threads that ended. */
    List<String> threadGroups() {
      Set<String> all = new LinkedHashSet<>();
      List.of("kz", "kg").forEach(node -> all.addAll(cpu.get(node).threads().keySet()));
      List<String> sorted =
          new ArrayList<>(
              all.stream()
                  .sorted(
                      Comparator.comparingDouble(
                              (String g) ->
                                  threadMillisPerMessage("kz", g) + threadMillisPerMessage("kg", g))
                          .reversed())
                  .toList());
      sorted.add(ENDED_THREADS);
      return sorted;
    }

    /** CPU per message without JIT compilation: what a warmed-up node would spend. */
    double warmMillisPerMessage(String node) {
      return (cpu.get(node).total() - cpu.get(node).jit()) * 1000 / messages;
    }

    double millisAt(double percentile) {
      return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Share of a node's execution samples in a category, 0 to 1. */
    double share(String node, String category) {
      Map<String, Long> samples = profile.getOrDefault(node, Map.of());
      long total = samples.values().stream().mapToLong(Long::longValue).sum();
      return total == 0 ? 0 : samples.getOrDefault(category, 0L) / (double) total;
    }

    /** CPU per message seen in Java execution samples of a node (each sample ≈ one period). */
    double sampledMillisPerMessage(String node) {
      long total =
          profile.getOrDefault(node, Map.of()).values().stream().mapToLong(Long::longValue).sum();
      return total * (double) CpuProfile.SAMPLE_PERIOD_MILLIS / messages;
    }

    /** A category's part of the node's sampled Java CPU per message. */
    double approxMillisPerMessage(String node, String category) {
      return share(node, category) * sampledMillisPerMessage(node);
    }

    /** Categories seen on either node, by their CPU per message on both, largest first. */
    List<String> categories() {
      Set<String> all = new LinkedHashSet<>();
      profile.values().forEach(samples -> all.addAll(samples.keySet()));
      return all.stream()
          .sorted(
              Comparator.comparingDouble(
                      (String c) ->
                          approxMillisPerMessage("kz", c) + approxMillisPerMessage("kg", c))
                  .reversed())
          .toList();
    }
  }

  private final int concurrency;
  private final int payloadBytes;

  /** Whether the profiles are of CPU-time samples rather than execution samples. */
  private final boolean cpuTimeSamples;

  /** Where the nodes kept their data. */
  private final Store store;

  /** The kind of message ids the submitting agency chose. */
  private final MessageIds messageIds;

  /** How the nodes ran: which build of the jar, laid out how, with which JVM options. */
  private final Nodes nodes;

  private final List<Run> runs = new ArrayList<>();
  private final ObjectNode memory = MAPPER.createObjectNode();

  /**
   * How the nodes of a benchmark ran, so that a results file says which of two compared builds or
   * settings it measured.
   *
   * @param jarSha256 SHA-256 of the application jar the nodes ran, hexadecimal
   * @param layout {@code shipped} or {@code extracted}
   * @param jvmOptions the nodes' JVM options as given
   */
  record Nodes(String jarSha256, String layout, String jvmOptions) {}

  BenchReport(
      int concurrency,
      int payloadBytes,
      boolean cpuTimeSamples,
      Store store,
      MessageIds messageIds,
      Nodes nodes) {
    this.concurrency = concurrency;
    this.payloadBytes = payloadBytes;
    this.cpuTimeSamples = cpuTimeSamples;
    this.store = store;
    this.messageIds = messageIds;
    this.nodes = nodes;
  }

  void add(Run... measured) {
    runs.addAll(Arrays.asList(measured));
  }

  /**
   * RSS and peak RSS of both nodes, read at the end of a pipeline's runs, the size of each node's
   * embedded H2 store file ({@code storeFile}) and the share of its chunks that live data filled at
   * the node's last compaction pass ({@code storeFillPercent}); both absent on PostgreSQL.
   */
  void memory(NodePair nodes) throws IOException {
    ObjectNode pipeline = memory.putObject(nodes.pipeline().label());
    Map<String, OptionalDouble> fill = nodes.storeFillPercent();
    for (NodeProcess node : List.of(nodes.kz(), nodes.kg())) {
      Map<String, Double> mib = ProcessStats.memoryMiB(node.pid());
      ObjectNode figures =
          pipeline
              .putObject(node.id())
              .put("rss", mib.get("VmRSS"))
              .put("peakRss", mib.get("VmHWM"));
      Path storeFile = node.dataDir().resolve(H2_STORE_FILE);
      if (Files.exists(storeFile)) {
        figures.put("storeFile", Files.size(storeFile) / (1024.0 * 1024.0));
      }
      fill.get(node.id()).ifPresent(percent -> figures.put("storeFillPercent", percent));
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
        "kz cpu ms",
        "kz jit",
        "kg cpu ms",
        "kg jit",
        "client cpu",
        "db cpu",
        "steal");
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
          String.format("%.1f", run.cpuMillisPerMessage("kz")),
          String.format("%.1f", run.jitMillisPerMessage("kz")),
          String.format("%.1f", run.cpuMillisPerMessage("kg")),
          String.format("%.1f", run.jitMillisPerMessage("kg")),
          String.format("%.1f", run.cpuMillisPerMessage(NodePair.CLIENT)),
          run.cpu().containsKey(NodePair.DATABASE)
              ? String.format("%.1f", run.cpuMillisPerMessage(NodePair.DATABASE))
              : "-",
          String.format("%.0f %%", run.stealPercent()));
    }
    runs.stream()
        .filter(run -> run.name().equals("max-throughput"))
        .forEach(BenchReport::printThreads);
    runs.stream().filter(run -> !run.profile().isEmpty()).forEach(this::printProfile);
    ObjectNode overhead = overhead();
    System.out.println(
        "(cpu ms: CPU per message of the node process; jit: of it, JIT compilation; db cpu: of"
            + " the PostgreSQL server's processes on this machine, with --store postgresql;"
            + " steal: the machine's CPU time taken by other guests during the run)");
    System.out.println();
    System.out.printf(
        "overhead of processing (full / transport-only): max throughput x%.2f lower, "
            + "CPU per message kz x%.1f, kg x%.1f, both x%.1f (without JIT x%.1f); "
            + "p50 at %.1f msg/s %.1f ms vs %.1f ms%n",
        overhead.path("throughputRatio").asDouble(),
        overhead.path("cpuPerMessageRatio").path("kz").asDouble(),
        overhead.path("cpuPerMessageRatio").path("kg").asDouble(),
        overhead.path("cpuPerMessageRatio").path("both").asDouble(),
        overhead.path("cpuPerMessageRatio").path("bothWithoutJit").asDouble(),
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
                                "%s %s: RSS %.0f MiB, peak RSS %.0f MiB%s%s%n",
                                pipeline.getKey(),
                                node.getKey(),
                                node.getValue().path("rss").asDouble(),
                                node.getValue().path("peakRss").asDouble(),
                                node.getValue().has("storeFile")
                                    ? String.format(
                                        ", store file %.0f MiB",
                                        node.getValue().path("storeFile").asDouble())
                                    : "",
                                node.getValue().has("storeFillPercent")
                                    ? String.format(
                                        " (its chunks %.0f %% live)",
                                        node.getValue().path("storeFillPercent").asDouble())
                                    : "")));
  }

  /** CPU per message by thread group: JIT, GC and native work included, unlike the profile. */
  private static void printThreads(Run run) {
    System.out.println();
    System.out.printf(
        "CPU by thread, %s %s (ms per message)%n", run.pipeline().label(), run.name());
    System.out.printf(THREAD_ROW, "threads", "kz", "of it kernel", "kg", "of it kernel");
    for (String group : run.threadGroups()) {
      System.out.printf(
          THREAD_ROW,
          group,
          String.format("%.2f", run.threadMillisPerMessage("kz", group)),
          String.format("%.2f", run.threadKernelMillisPerMessage("kz", group)),
          String.format("%.2f", run.threadMillisPerMessage("kg", group)),
          String.format("%.2f", run.threadKernelMillisPerMessage("kg", group)));
    }
    System.out.printf(
        THREAD_ROW,
        "all",
        String.format("%.2f", run.cpuMillisPerMessage("kz")),
        String.format("%.2f", run.kernelMillisPerMessage("kz")),
        String.format("%.2f", run.cpuMillisPerMessage("kg")),
        String.format("%.2f", run.kernelMillisPerMessage("kg")));
    if (run.auditCommitsPerMessage("kz") > 0 || run.auditCommitsPerMessage("kg") > 0) {
      System.out.printf(
          "audit writer: %.2f commits per message at kz, %.2f appends each; %.2f at kg, %.2f"
              + " appends each%n",
          run.auditCommitsPerMessage("kz"),
          run.auditAppendsPerCommit("kz"),
          run.auditCommitsPerMessage("kg"),
          run.auditAppendsPerCommit("kg"));
    }
    System.out.printf(
        "allocated: %.0f KiB per message at kz, %.0f KiB at kg%n",
        run.allocatedKibPerMessage("kz"), run.allocatedKibPerMessage("kg"));
    System.out.printf(
        "GC pauses: %d at kz (%.0f ms in all), %d at kg (%.0f ms); concurrent (G1: remark and"
            + " cleanup pauses): %d at kz (%.0f ms), %d at kg (%.0f ms)%n",
        run.gcPauses("kz"),
        run.gcPauseMillis("kz"),
        run.gcPauses("kg"),
        run.gcPauseMillis("kg"),
        run.gcConcurrent("kz"),
        run.gcConcurrentMillis("kz"),
        run.gcConcurrent("kg"),
        run.gcConcurrentMillis("kg"));
  }

  private void printProfile(Run run) {
    System.out.println();
    System.out.printf(
        "CPU profile, %s %s: %s show %.1f of %.1f ms CPU per message at kz, %.1f of"
            + " %.1f ms at kg (the rest: %s)%n",
        run.pipeline().label(),
        run.name(),
        cpuTimeSamples ? "CPU-time samples" : "Java samples",
        run.sampledMillisPerMessage("kz"),
        run.cpuMillisPerMessage("kz"),
        run.sampledMillisPerMessage("kg"),
        run.cpuMillisPerMessage("kg"),
        cpuTimeSamples ? "JIT and GC threads" : "JIT, GC, native code");
    System.out.printf(PROFILE_ROW, "category", "kz share", "kz ms/msg", "kg share", "kg ms/msg");
    for (String category : run.categories()) {
      System.out.printf(
          PROFILE_ROW,
          category,
          String.format("%.1f %%", run.share("kz", category) * 100),
          String.format("%.2f", run.approxMillisPerMessage("kz", category)),
          String.format("%.1f %%", run.share("kg", category) * 100),
          String.format("%.2f", run.approxMillisPerMessage("kg", category)));
    }
    for (String node : List.of("kz", "kg")) {
      System.out.println(compilerLine(node, run.compiler().getOrDefault(node, CompilerWork.NONE)));
    }
  }

  /**
   * The JIT compiler's work at a node during a profiled run, in one line: {@code kz JIT: 4490
   * compilations (1198 by C2), 43.4 s; org.h2.mvstore 5.9 s, ...; 150 deoptimizations, at most 11
   * of java.util.ComparableTimSort.reverseRange}.
   */
  static String compilerLine(String node, CompilerWork compiler) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                "%s JIT: %d compilations (%d by C2), %.1f s",
                node, compiler.compilations(), compiler.byC2(), compiler.seconds()));
    if (!compiler.secondsByLibrary().isEmpty()) {
      line.append("; most in ");
      line.append(
          String.join(
              ", ",
              compiler.secondsByLibrary().entrySet().stream()
                  .map(entry -> String.format("%s %.1f s", entry.getKey(), entry.getValue()))
                  .toList()));
    }
    line.append(String.format("; %d deoptimizations", compiler.deoptimizations()));
    if (compiler.deoptimizations() > 0) {
      line.append(
          String.format(
              ", at most %d of %s", compiler.mostDeoptimizedTimes(), compiler.mostDeoptimized()));
    }
    return line.toString();
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
    cpu.put(
        "bothWithoutJit",
        (fullMax.warmMillisPerMessage("kz") + fullMax.warmMillisPerMessage("kg"))
            / (transportMax.warmMillisPerMessage("kz") + transportMax.warmMillisPerMessage("kg")));
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

  private ObjectNode profileJson(Run run) {
    ObjectNode profile = MAPPER.createObjectNode();
    profile.put("samples", cpuTimeSamples ? "cpu-time" : "execution");
    profile.put("samplePeriodMillis", CpuProfile.SAMPLE_PERIOD_MILLIS);
    run.profile()
        .forEach(
            (node, samples) -> {
              ObjectNode nodeProfile = profile.putObject(node);
              nodeProfile.put("sampledCpuMillisPerMessage", run.sampledMillisPerMessage(node));
              ObjectNode categories = nodeProfile.putObject("categories");
              samples.forEach(
                  (category, count) ->
                      categories
                          .putObject(category)
                          .put("samples", count)
                          .put("share", run.share(node, category))
                          .put(
                              "approxCpuMillisPerMessage",
                              run.approxMillisPerMessage(node, category)));
              CompilerWork compiler = run.compiler().getOrDefault(node, CompilerWork.NONE);
              ObjectNode jit = nodeProfile.putObject("compiler");
              jit.put("compilations", compiler.compilations());
              jit.put("byC2", compiler.byC2());
              jit.put("seconds", compiler.seconds());
              ObjectNode libraries = jit.putObject("secondsByLibrary");
              compiler.secondsByLibrary().forEach(libraries::put);
              jit.put("deoptimizations", compiler.deoptimizations());
              jit.putObject("mostDeoptimized")
                  .put("method", compiler.mostDeoptimized())
                  .put("times", compiler.mostDeoptimizedTimes());
            });
    return profile;
  }

  /** Writes the JSON report; returns its path. */
  Path write(Path dir) throws IOException {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("time", Instant.now().toString());
    ObjectNode machine = json.putObject("machine");
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    ProcessStats.Cpu processor = ProcessStats.cpu();
    machine.put("cpuModel", processor.model());
    machine.put("cpuGeneration", processor.generation());
    ArrayNode features = machine.putArray("cpuCryptoFeatures");
    processor.cryptoFeatures().forEach(features::add);
    machine.put("memTotal", ProcessStats.memTotal());
    machine.put(
        "jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    ObjectNode launch = json.putObject("nodes");
    launch.put("jarSha256", nodes.jarSha256());
    launch.put("layout", nodes.layout());
    launch.put("jvmOptions", nodes.jvmOptions());
    json.put("store", store.label());
    json.put("messageIds", messageIds.label());
    json.put("concurrency", concurrency);
    json.put("payloadBytes", payloadBytes);
    ArrayNode results = json.putArray("runs");
    for (Run run : runs) {
      ObjectNode result = results.addObject();
      result.put("pipeline", run.pipeline().label());
      result.put("name", run.name());
      result.put("startedAt", run.started().toString());
      result.put("messages", run.messages());
      result.put("offeredRatePerSecond", run.offeredRate());
      result.put("throughputPerSecond", run.throughput());
      result.put("wallSeconds", run.wallSeconds());
      result.put("machineStealPercent", run.stealPercent());
      ObjectNode latency = result.putObject("latencyMillis");
      latency.put("p50", run.millisAt(50));
      latency.put("p90", run.millisAt(90));
      latency.put("p99", run.millisAt(99));
      latency.put("max", run.latencyMicros().getMaxValue() / 1000.0);
      latency.put("mean", run.latencyMicros().getMean() / 1000.0);
      ObjectNode cpu = result.putObject("cpuMillisPerMessage");
      for (String node : List.of("kz", "kg")) {
        ObjectNode nodeCpu =
            cpu.putObject(node)
                .put("total", run.cpuMillisPerMessage(node))
                .put("jit", run.jitMillisPerMessage(node))
                .put("gc", run.gcMillisPerMessage(node))
                .put("withoutJit", run.warmMillisPerMessage(node))
                .put("kernel", run.kernelMillisPerMessage(node));
        ObjectNode threads = nodeCpu.putObject("threads");
        ObjectNode kernelThreads = nodeCpu.putObject("kernelByThreads");
        for (String group : run.threadGroups()) {
          threads.put(group, run.threadMillisPerMessage(node, group));
          kernelThreads.put(group, run.threadKernelMillisPerMessage(node, group));
        }
      }
      for (String process : List.of(NodePair.CLIENT, NodePair.DATABASE)) {
        if (run.cpu().containsKey(process)) {
          cpu.putObject(process)
              .put("total", run.cpuMillisPerMessage(process))
              .put("kernel", run.kernelMillisPerMessage(process));
        }
      }
      ObjectNode audit = result.putObject("auditWriter");
      ObjectNode allocated = result.putObject("allocatedKibPerMessage");
      ObjectNode pauses = result.putObject("gcPauses");
      for (String node : List.of("kz", "kg")) {
        audit
            .putObject(node)
            .put("commitsPerMessage", run.auditCommitsPerMessage(node))
            .put("appendsPerCommit", run.auditAppendsPerCommit(node));
        allocated.put(node, run.allocatedKibPerMessage(node));
        pauses
            .putObject(node)
            .put("count", run.gcPauses(node))
            .put("millis", run.gcPauseMillis(node))
            .put("concurrentCount", run.gcConcurrent(node))
            .put("concurrentMillis", run.gcConcurrentMillis(node));
      }
      if (!run.profile().isEmpty()) {
        result.set("cpuProfile", profileJson(run));
      }
      if (run.paths().count() > 0) {
        result.set("paths", run.paths().toJson());
      }
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
