package org.kopir.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.kopir.gateway.crypto.DevPki;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.NodeProcess;
import org.kopir.gateway.testsupport.Referrals;

/**
 * End-to-end benchmark: both nodes as processes of the packaged jar on their embedded defaults
 * (Artemis, H2) with a fresh throw-away PKI; realistic referrals (~4 KiB, distinct ids and names)
 * submitted over HTTPS by agency kz-cpc to kg-cpd. Delivery time of each message is the {@code
 * time} of its {@code inbox.enqueued} audit record at kg (same machine clock). Run 1 submits as
 * fast as {@code --concurrency} clients can (maximum throughput); run 2 submits at half that rate,
 * open loop (latency under moderate load). See docs/performance.md for the command.
 *
 * <p>Arguments: {@code --messages N} (default 600), {@code --concurrency C} (default 8), {@code
 * --warmup W} (default 100), {@code --out DIR} (default bench/results).
 */
public final class EndToEndBench {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final int messages;
  private final int concurrency;
  private final int warmup;
  private final Path out;
  private NodeProcess kz;
  private NodeProcess kg;
  private final Random random = new Random();

  private EndToEndBench(Map<String, String> args) {
    this.messages = Integer.parseInt(args.getOrDefault("messages", "600"));
    this.concurrency = Integer.parseInt(args.getOrDefault("concurrency", "8"));
    this.warmup = Integer.parseInt(args.getOrDefault("warmup", "100"));
    this.out = Path.of(args.getOrDefault("out", "bench/results"));
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    new EndToEndBench(args).run();
  }

  /** One measured run. */
  private record Run(
      String name,
      int messages,
      double offeredRate,
      double throughput,
      Histogram latencyMicros,
      Map<String, Double> cpuSeconds,
      double wallSeconds) {}

  private void run() throws Exception {
    Path work = Files.createTempDirectory("kopir-bench");
    Path pki = work.resolve("pki");
    DevPki.generate(pki, DevPki.DEMO, Instant.now(), false);
    kz = new NodeProcess("kz", work.resolve("kz"), pki);
    kg = new NodeProcess("kg", work.resolve("kg"), pki);
    kz.partner(kg);
    kg.partner(kz);
    try {
      kg.start();
      kz.start();
      System.out.printf(
          "nodes ready (kz pid %d, kg pid %d); data in %s%n", kz.pid(), kg.pid(), work);
      measure("warm-up", warmup, 0);
      Run max = measure("max-throughput", messages, 0);
      Run half = measure("half-rate", Math.max(50, messages / 2), max.throughput() / 2);
      report(List.of(max, half));
    } finally {
      kz.close();
      kg.close();
    }
  }

  private Run measure(String name, int count, double rate) throws Exception {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      bodies.add(
          Referrals.realisticReferral(Referrals.randomIdentity(random), "kg-cpd", 4096).toString());
    }
    long fromSeq = auditHead(kg) + 1;
    double enqueuedBefore = inboxEnqueued();
    Map<String, Double> cpuBefore = cpu();
    Map<String, Instant> submittedAt = new ConcurrentHashMap<>();
    Instant start = Instant.now();
    submit(bodies, rate, submittedAt, start);
    while (inboxEnqueued() - enqueuedBefore < count) {
      Thread.sleep(100);
      if (Duration.between(start, Instant.now()).toMinutes() > 10) {
        throw new IllegalStateException(name + ": not all messages delivered within 10 minutes");
      }
    }
    Map<String, Double> cpuAfter = cpu();
    Map<String, Instant> deliveredAt = deliveries(fromSeq);
    Histogram latency = new Histogram(3_600_000_000L, 3);
    Instant last = start;
    for (var entry : submittedAt.entrySet()) {
      Instant delivered = deliveredAt.get(entry.getKey());
      if (delivered == null) {
        throw new IllegalStateException(name + ": no inbox.enqueued record for a message");
      }
      latency.recordValue(Math.max(0, ChronoUnit.MICROS.between(entry.getValue(), delivered)));
      last = delivered.isAfter(last) ? delivered : last;
    }
    double wall = Duration.between(start, last).toNanos() / 1e9;
    Map<String, Double> cpuUsed = new HashMap<>();
    cpuAfter.forEach((node, seconds) -> cpuUsed.put(node, seconds - cpuBefore.get(node)));
    Run run = new Run(name, count, rate, count / wall, latency, cpuUsed, wall);
    System.out.printf(
        "%s: %d messages in %.1f s = %.1f msg/s; p50 %.0f ms, p99 %.0f ms%n",
        name,
        count,
        wall,
        run.throughput(),
        latency.getValueAtPercentile(50) / 1000.0,
        latency.getValueAtPercentile(99) / 1000.0);
    return run;
  }

  /**
   * Closed loop ({@code rate} 0): {@code concurrency} clients submit back to back. Open loop
   * otherwise: message i is due at start + i/rate, whatever the answers take.
   */
  private void submit(
      List<String> bodies, double rate, Map<String, Instant> submittedAt, Instant start)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < concurrency; t++) {
        workers.add(
            pool.submit(
                () -> {
                  Http agency = kz.agency("kz-cpc");
                  for (int i = next.getAndIncrement();
                      i < bodies.size();
                      i = next.getAndIncrement()) {
                    if (rate > 0) {
                      Instant due = start.plusNanos((long) (i * 1e9 / rate));
                      long wait = Duration.between(Instant.now(), due).toMillis();
                      if (wait > 0) {
                        Thread.sleep(wait);
                      }
                    }
                    String body = bodies.get(i);
                    Instant sent = Instant.now();
                    Http.Answer answer = agency.postJson(kz.localUrl() + "/api/v1/messages", body);
                    if (answer.status() != 202) {
                      throw new IllegalStateException("submission answered " + answer.status());
                    }
                    submittedAt.put(answer.json().path("messageId").asText(), sent);
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static long auditHead(NodeProcess node) {
    JsonNode verify = node.person("auditor").get(node.localUrl() + "/api/v1/audit/verify").json();
    return verify.path("verifiedThroughSeq").asLong();
  }

  /** kg's counter of messages stored in an inbox. */
  private double inboxEnqueued() {
    String metrics = kg.person("operator").get(kg.localUrl() + "/actuator/prometheus").body();
    double total = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith("kopir_inbox_enqueued_total")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  /** messageId → time of its inbox.enqueued record at kg, from seq {@code fromSeq} on. */
  private Map<String, Instant> deliveries(long fromSeq) throws IOException {
    String export =
        kg.person("auditor").get(kg.localUrl() + "/api/v1/audit/export?fromSeq=" + fromSeq).body();
    Map<String, Instant> times = new HashMap<>();
    for (String line : export.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode record = MAPPER.readTree(line);
      if ("inbox.enqueued".equals(record.path("event").asText())) {
        times.put(record.path("messageId").asText(), Instant.parse(record.path("time").asText()));
      }
    }
    return times;
  }

  /** CPU seconds (user + system) used so far by each node process. */
  private Map<String, Double> cpu() throws IOException {
    Map<String, Double> seconds = new HashMap<>();
    for (NodeProcess node : List.of(kz, kg)) {
      String stat = Files.readString(Path.of("/proc/" + node.pid() + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields[11] = utime, fields[12] = stime (fields 14 and 15 of proc(5)), in clock ticks.
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      seconds.put(node.id(), ticks / (double) clockTicksPerSecond());
    }
    return seconds;
  }

  private static long clockTicksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      String value = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return Long.parseLong(value.trim());
    } catch (IOException | NumberFormatException e) {
      return 100;
    }
  }

  /** VmRSS and VmHWM (peak) of a node process, in MiB. */
  private static Map<String, Double> memory(NodeProcess node) throws IOException {
    Map<String, Double> mib = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/" + node.pid() + "/status"))) {
      if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
        String[] parts = line.split("\\s+");
        mib.put(parts[0].replace(":", ""), Long.parseLong(parts[1]) / 1024.0);
      }
    }
    return mib;
  }

  private void report(List<Run> runs) throws IOException {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("time", Instant.now().toString());
    ObjectNode machine = json.putObject("machine");
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    machine.put("memTotal", memTotal());
    machine.put(
        "jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    json.put("concurrency", concurrency);
    json.put(
        "payloadBytes",
        Referrals.realisticReferral(Referrals.randomIdentity(random), "kg-cpd", 4096)
            .toString()
            .getBytes(StandardCharsets.UTF_8)
            .length);
    ArrayNode results = json.putArray("runs");
    System.out.println();
    System.out.printf(
        "%-15s %8s %10s %10s %9s %9s %9s %9s %9s %9s %11s%n",
        "run",
        "messages",
        "offered/s",
        "msg/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "kz cpu ms",
        "kg cpu ms",
        "per message");
    for (Run run : runs) {
      Histogram h = run.latencyMicros();
      double kzCpuPerMessage = run.cpuSeconds().get("kz") * 1000 / run.messages();
      double kgCpuPerMessage = run.cpuSeconds().get("kg") * 1000 / run.messages();
      System.out.printf(
          "%-15s %8d %10s %10.1f %9.1f %9.1f %9.1f %9.1f %9.2f %9.2f %11s%n",
          run.name(),
          run.messages(),
          run.offeredRate() > 0 ? String.format("%.1f", run.offeredRate()) : "max",
          run.throughput(),
          h.getValueAtPercentile(50) / 1000.0,
          h.getValueAtPercentile(90) / 1000.0,
          h.getValueAtPercentile(99) / 1000.0,
          h.getMaxValue() / 1000.0,
          kzCpuPerMessage,
          kgCpuPerMessage,
          "cpu ms");
      ObjectNode result = results.addObject();
      result.put("name", run.name());
      result.put("messages", run.messages());
      result.put("offeredRatePerSecond", run.offeredRate());
      result.put("throughputPerSecond", run.throughput());
      result.put("wallSeconds", run.wallSeconds());
      ObjectNode latency = result.putObject("latencyMillis");
      latency.put("p50", h.getValueAtPercentile(50) / 1000.0);
      latency.put("p90", h.getValueAtPercentile(90) / 1000.0);
      latency.put("p99", h.getValueAtPercentile(99) / 1000.0);
      latency.put("max", h.getMaxValue() / 1000.0);
      latency.put("mean", h.getMean() / 1000.0);
      ObjectNode cpu = result.putObject("cpuMillisPerMessage");
      cpu.put("kz", kzCpuPerMessage);
      cpu.put("kg", kgCpuPerMessage);
    }
    ObjectNode memory = json.putObject("memoryMiB");
    for (NodeProcess node : List.of(kz, kg)) {
      Map<String, Double> m = memory(node);
      memory.putObject(node.id()).put("rss", m.get("VmRSS")).put("peakRss", m.get("VmHWM"));
      System.out.printf(
          "%s: RSS %.0f MiB, peak RSS %.0f MiB%n", node.id(), m.get("VmRSS"), m.get("VmHWM"));
    }
    Files.createDirectories(out);
    Path file =
        out.resolve(
            "e2e-"
                + Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "")
                + ".json");
    Files.writeString(
        file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    System.out.println("results written to " + file);
  }

  private static String memTotal() throws IOException {
    return Files.readAllLines(Path.of("/proc/meminfo")).stream()
        .filter(line -> line.startsWith("MemTotal:"))
        .map(line -> line.replaceAll("\\s+", " ").substring("MemTotal: ".length()))
        .findFirst()
        .orElse("unknown");
  }
}
