package org.kopir.gateway.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.apache.commons.codec.digest.DigestUtils;
import org.kopir.gateway.cli.DemoCommand;
import org.kopir.gateway.crypto.DevPki;
import org.kopir.gateway.testsupport.NodeProcess;
import org.kopir.gateway.testsupport.Referrals;

/**
 * End-to-end benchmark: both nodes as processes of the packaged jar on their embedded defaults
 * (Artemis, H2) with a fresh throw-away PKI; realistic referrals (~4 KiB, distinct ids and names)
 * submitted over HTTPS by agency kz-cpc to kg-cpd, whose system reads its inbox queue over JMS
 * ({@link InboxWatcher}): a message is delivered when it arrives there.
 *
 * <p>The full pipeline first: a warm-up, a closed-loop run at the maximum {@code --concurrency}
 * clients reach, and an open-loop run of a quarter as many messages (at least 40) at half that
 * throughput (latency under moderate load). Then the transport-only baseline (nodes on the route
 * set {@code bench/transport-only} of the test resources: same queues, TLS and HTTP hops, no
 * processing): warm-up, maximum, and the same offered rate as the full pipeline's half-rate run.
 * See docs/performance.md for the command.
 *
 * <p>Arguments: {@code --messages N} (default 120), {@code --concurrency C} (default 8), {@code
 * --warmup W} (default 30), {@code --out DIR} (default bench/results), {@code --profile
 * true|cpu-time|false} (default true: a CPU profile of both nodes during each maximum-throughput
 * run from execution samples, and what their JIT compilers did meanwhile; {@code cpu-time}: from
 * CPU-time samples, JDK 25 and later, which also see native code but cost the nodes more CPU while
 * they run), {@code --sustained R|auto} (an extra open-loop run of the full pipeline, {@code
 * --messages} long, at R messages a second or at 80 % of its maximum: whether the nodes keep up for
 * longer than a burst), {@code --quick true} (20 warm-up and 40 measured messages, no profile:
 * checks that the benchmark works, as CI does; its figures mean nothing), {@code --jvm-options
 * "..."} (the nodes' JVM options instead of the launchers' default, {@link
 * DemoCommand#DEFAULT_JVM_OPTIONS}, to compare settings within one session; {@code {node}} in them
 * stands for the pipeline and node, as in {@code full-kz}, for a file of each node's), {@code
 * --layout shipped|extracted} (default shipped: {@code java -jar} on the jar as shipped; extracted:
 * the jar extracted into Spring Boot's deployment layout, which a JDK AOT cache needs), {@code
 * --recordings DIR} (keep each profiled run's JFR recording of each node there, every compilation
 * and deoptimization included, for {@code jfr print}), {@code --store h2|postgresql} (default h2,
 * the launchers' embedded database; postgresql: a fresh database per node in the PostgreSQL server
 * the tests use, local by default, as the production profile runs a node, dropped afterwards; the
 * server's CPU per message is reported beside the nodes' when it runs on this machine), {@code
 * --message-ids random|time-ordered} (default random: the submitting agency's message ids as UUID
 * version 4; time-ordered: version 7, as SPEC §2.1 recommends, {@link MessageIds}), {@code --work
 * DIR} (where the nodes' data, logs and GC logs go; default: a new temporary directory, kept
 * afterwards for reading, whose name the benchmark prints), {@code --jar FILE} (the application jar
 * the nodes run as shipped, default the build's, {@link NodeProcess#JAR}: another build, to compare
 * two; {@link AlternatingBench} runs such comparisons). The results file names the jar's SHA-256,
 * the layout and the JVM options the nodes ran with.
 */
public final class EndToEndBench {

  static final String SENDER = "kz-cpc";
  static final String RECIPIENT = "kg-cpd";
  private static final Duration RUN_LIMIT = Duration.ofMinutes(10);

  private final int messages;
  private final int concurrency;
  private final int warmup;
  private final Path out;
  private final Path work;
  private final boolean profile;
  private final boolean cpuTimeSamples;
  private final String sustained;
  private final Path recordings;
  private final String jvmOptions;
  private final Path jar;
  private final String layout;
  private final Store store;
  private final MessageIds messageIds;
  private final Random random = new Random();

  private EndToEndBench(Map<String, String> args) {
    boolean quick = Boolean.parseBoolean(args.getOrDefault("quick", "false"));
    this.messages = Integer.parseInt(args.getOrDefault("messages", quick ? "40" : "120"));
    this.concurrency = Integer.parseInt(args.getOrDefault("concurrency", "8"));
    this.warmup = Integer.parseInt(args.getOrDefault("warmup", quick ? "20" : "30"));
    this.out = Path.of(args.getOrDefault("out", "bench/results"));
    this.work = args.containsKey("work") ? Path.of(args.get("work")) : null;
    String profiling = args.getOrDefault("profile", quick ? "false" : "true");
    this.cpuTimeSamples = profiling.equals("cpu-time");
    this.profile = cpuTimeSamples || Boolean.parseBoolean(profiling);
    if (cpuTimeSamples && !CpuProfile.cpuTimeSamplesSupported()) {
      throw new IllegalArgumentException("--profile cpu-time needs JDK 25 or later");
    }
    this.sustained = args.getOrDefault("sustained", "off");
    this.jvmOptions = args.getOrDefault("jvm-options", DemoCommand.DEFAULT_JVM_OPTIONS);
    this.layout = args.getOrDefault("layout", "shipped");
    if (!layout.equals("shipped") && !layout.equals("extracted")) {
      throw new IllegalArgumentException("--layout is shipped or extracted, not " + layout);
    }
    this.jar = Path.of(args.getOrDefault("jar", NodeProcess.JAR.toString()));
    if (args.containsKey("jar") && extracted()) {
      throw new IllegalArgumentException(
          "--jar runs a jar as shipped, not with --layout extracted");
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("no application jar at " + jar.toAbsolutePath());
    }
    this.recordings = args.containsKey("recordings") ? Path.of(args.get("recordings")) : null;
    this.store = Store.named(args.getOrDefault("store", Store.H2.label()));
    this.messageIds = MessageIds.named(args.getOrDefault("message-ids", MessageIds.RANDOM.label()));
  }

  public static void main(String[] argv) throws Exception {
    run(argv);
  }

  /** Whether the nodes run from the jar extracted into Spring Boot's deployment layout. */
  private boolean extracted() {
    return layout.equals("extracted");
  }

  /** Runs the benchmark with command-line arguments; returns the results file. */
  static Path run(String... argv) throws Exception {
    return new EndToEndBench(arguments(argv)).run();
  }

  /**
   * Command-line arguments as {@code --name value} pairs, by name without the dashes, in the order
   * given; a last name without a value is ignored.
   */
  static Map<String, String> arguments(String... argv) {
    Map<String, String> args = new LinkedHashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    return args;
  }

  private Path run() throws Exception {
    Instant began = Instant.now();
    Path work = workDirectory();
    Path pki = work.resolve("pki");
    DevPki.generate(pki, DevPki.DEMO, Instant.now(), false);
    BenchReport.Nodes launch = new BenchReport.Nodes(sha256(jar), layout, jvmOptions);
    BenchReport report =
        new BenchReport(concurrency, payloadBytes(), cpuTimeSamples, store, messageIds, launch);
    double halfRate;
    try (NodePair full =
            NodePair.start(Pipeline.FULL, work, pki, jvmOptions, jar, extracted(), store);
        AgencySubmitter agency = agencyOf(full)) {
      measure(full, agency, "warm-up", warmup, 0, false);
      BenchReport.Run max = measure(full, agency, "max-throughput", messages, 0, profile);
      halfRate = max.throughput() / 2;
      BenchReport.Run half =
          measure(full, agency, "half-rate", Math.max(40, messages / 4), halfRate, false);
      report.add(max, half);
      if (!sustained.equals("off")) {
        double rate =
            sustained.equals("auto") ? max.throughput() * 0.8 : Double.parseDouble(sustained);
        report.add(measure(full, agency, "sustained", messages, rate, false));
      }
      report.memory(full);
    }
    try (NodePair transport =
            NodePair.start(
                Pipeline.TRANSPORT_ONLY, work, pki, jvmOptions, jar, extracted(), store);
        AgencySubmitter agency = agencyOf(transport)) {
      measure(transport, agency, "warm-up", warmup, 0, false);
      BenchReport.Run max = measure(transport, agency, "max-throughput", messages, 0, profile);
      BenchReport.Run same =
          measure(transport, agency, "half-rate", Math.max(40, messages / 4), halfRate, false);
      report.add(max, same);
      report.memory(transport);
    }
    report.print();
    Path written = report.write(out);
    System.out.println("results written to " + written);
    System.out.printf("benchmark took %d s%n", Duration.between(began, Instant.now()).toSeconds());
    return written;
  }

  /** {@code --work}, created if need be, or a new temporary directory that is kept afterwards. */
  private Path workDirectory() throws IOException {
    if (work == null) {
      return Files.createTempDirectory("kopir-bench");
    }
    return Files.createDirectories(work);
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return DigestUtils.sha256Hex(in);
    }
  }

  private int payloadBytes() {
    return Referrals.realisticReferral(Referrals.randomIdentity(random), RECIPIENT, 4096)
        .toString()
        .getBytes(StandardCharsets.UTF_8)
        .length;
  }

  /**
   * Submits {@code count} referrals and waits for all of them in the inbox; with {@code profiled},
   * both nodes record a CPU profile of the run ({@link CpuProfile}).
   */
  private BenchReport.Run measure(
      NodePair nodes, AgencySubmitter agency, String name, int count, double rate, boolean profiled)
      throws Exception {
    Map<String, String> bodies = new HashMap<>();
    for (int i = 0; i < count; i++) {
      ObjectNode envelope =
          Referrals.realisticReferral(Referrals.randomIdentity(random), RECIPIENT, 4096);
      String id = messageIds.next();
      ((ObjectNode) envelope.get("header")).put("messageId", id);
      bodies.put(id, envelope.toString());
    }
    if (profiled) {
      nodes.startProfiles(cpuTimeSamples);
    }
    Map<String, NodeMeters> metersBefore = nodes.meters();
    Map<String, ProcessStats.CpuUse> cpuBefore = nodes.cpu();
    ProcessStats.MachineTicks ticksBefore = ProcessStats.machineTicks();
    Map<String, Instant> submittedAt = new ConcurrentHashMap<>();
    nodes.inbox().expect(bodies.keySet());
    Instant start = Instant.now();
    submit(agency, new ArrayList<>(bodies.entrySet()), rate, submittedAt, start);
    Histogram latency = new Histogram(3_600_000_000L, 3);
    Instant last = awaitArrivals(nodes.inbox(), submittedAt, start, name);
    for (var submitted : submittedAt.entrySet()) {
      Instant arrived = nodes.inbox().arrival(submitted.getKey());
      latency.recordValue(Math.max(0, ChronoUnit.MICROS.between(submitted.getValue(), arrived)));
    }
    Map<String, ProcessStats.CpuUse> cpuUsed = new HashMap<>();
    nodes
        .cpu()
        .forEach(
            (node, use) -> {
              // a database server that was not running at the start is not measured
              if (cpuBefore.containsKey(node)) {
                cpuUsed.put(node, use.minus(cpuBefore.get(node)));
              }
            });
    double stealPercent = ProcessStats.machineTicks().stealPercentSince(ticksBefore);
    Map<String, NodeMeters> meters = new HashMap<>();
    nodes.meters().forEach((node, now) -> meters.put(node, now.minus(metersBefore.get(node))));
    double wall = Duration.between(start, last).toNanos() / 1e9;
    NodePair.Profiles profiles =
        profiled ? nodes.stopProfiles(name, recordings) : NodePair.Profiles.NONE;
    MessagePaths paths = MessagePaths.NONE;
    if (nodes.pipeline() == Pipeline.FULL && rate > 0) {
      paths = MessagePaths.read(nodes, submittedAt, nodes.inbox()::arrival, start, last);
    }
    BenchReport.Run run =
        new BenchReport.Run(
            nodes.pipeline(),
            name,
            start,
            count,
            rate,
            count / wall,
            latency,
            cpuUsed,
            meters,
            stealPercent,
            wall,
            profiles.samples(),
            profiles.compiler(),
            paths);
    System.out.printf(
        "%s %s: %d messages in %.1f s = %.1f msg/s; p50 %.0f ms, p99 %.0f ms; %.0f %% of the"
            + " machine's CPU stolen%n",
        nodes.pipeline().label(),
        name,
        count,
        wall,
        run.throughput(),
        latency.getValueAtPercentile(50) / 1000.0,
        latency.getValueAtPercentile(99) / 1000.0,
        stealPercent);
    if (paths.count() > 0) {
      paths.print(nodes.pipeline().label() + " " + name);
    }
    return run;
  }

  /** Waits until every submitted message is in the inbox; returns the last arrival. */
  private static Instant awaitArrivals(
      InboxWatcher inbox, Map<String, Instant> submittedAt, Instant start, String name)
      throws InterruptedException {
    while (!inbox.awaitExpected(Duration.ofSeconds(1))) {
      if (inbox.unreadable() > 0) {
        throw new IllegalStateException(name + ": an inbox message named no message id");
      }
      if (Duration.between(start, Instant.now()).compareTo(RUN_LIMIT) > 0) {
        throw new IllegalStateException(name + ": not all messages delivered within " + RUN_LIMIT);
      }
    }
    if (inbox.unreadable() > 0) {
      throw new IllegalStateException(name + ": an inbox message named no message id");
    }
    Instant last = start;
    for (String id : submittedAt.keySet()) {
      Instant arrived = inbox.arrival(id);
      last = arrived.isAfter(last) ? arrived : last;
    }
    return last;
  }

  /**
   * The sending agency's system for all runs of one pipeline: its connections, kept alive, carry
   * every run's submissions, as an agency's system keeps its own, so no run after the warm-up pays
   * for TLS handshakes with its first referrals.
   */
  private AgencySubmitter agencyOf(NodePair nodes) {
    return new AgencySubmitter(
        nodes.kz().agencyTls(SENDER), nodes.kz().localUrl() + "/api/v1/messages", concurrency);
  }

  /**
   * Closed loop ({@code rate} 0): {@code concurrency} clients submit back to back. Open loop
   * otherwise: message i is due at start + i/rate, whatever the answers take.
   */
  private void submit(
      AgencySubmitter agency,
      List<Map.Entry<String, String>> bodies,
      double rate,
      Map<String, Instant> submittedAt,
      Instant start)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < concurrency; t++) {
        workers.add(
            pool.submit(
                () -> {
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
                    var body = bodies.get(i);
                    submittedAt.put(body.getKey(), Instant.now());
                    int status = agency.submit(body.getValue());
                    if (status != 202) {
                      throw new IllegalStateException("submission answered " + status);
                    }
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
}
