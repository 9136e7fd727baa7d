package org.kopir.gateway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.kopir.gateway.cli.DemoCommand;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.NodeProcess;
import org.kopir.gateway.testsupport.PostgresTestDatabase;

/**
 * kz and kg as processes of the packaged jar, and kg-cpd's system reading its inbox; {@code
 * databases} are the JDBC URLs of their PostgreSQL databases, none on H2.
 */
record NodePair(
    Pipeline pipeline, NodeProcess kz, NodeProcess kg, InboxWatcher inbox, List<String> databases)
    implements AutoCloseable {

  /**
   * @param jvmOptions the nodes' JVM options, separated by spaces (the launchers' default is {@link
   *     DemoCommand#DEFAULT_JVM_OPTIONS}); {@code {node}} in them stands for the pipeline and the
   *     node, as in {@code full-kz}
   * @param jar the application jar the nodes run as shipped ({@code java -jar}), the build's own
   *     ({@link NodeProcess#JAR}) or another build of it
   * @param extracted whether the nodes run the build's jar extracted into Spring Boot's deployment
   *     layout instead of {@code jar} as shipped
   * @param store where the nodes keep their data; on PostgreSQL each node gets a fresh database,
   *     dropped when the pair closes
   */
  static NodePair start(
      Pipeline pipeline,
      Path work,
      Path pki,
      String jvmOptions,
      Path jar,
      boolean extracted,
      Store store)
      throws Exception {
    Path dir = work.resolve(pipeline.label());
    NodeProcess kz = new NodeProcess("kz", dir.resolve("kz"), pki);
    NodeProcess kg = new NodeProcess("kg", dir.resolve("kg"), pki);
    kz.partner(kg).set("kopir.bench.partner", "kg").set("kopir.bench.border-url", kg.borderUrl());
    kg.partner(kz).set("kopir.bench.partner", "kz").set("kopir.bench.border-url", kz.borderUrl());
    for (NodeProcess node : List.of(kz, kg)) {
      // The launchers' way unless asked otherwise, with their JVM options only: a node's figures.
      if (extracted) {
        node.extracted();
      } else {
        node.asShipped(jar);
      }
      pipeline.configure(node, EndToEndBench.RECIPIENT);
      for (String option : jvmOptions.trim().split("\\s+")) {
        if (!option.isEmpty()) {
          node.jvmArg(option.replace("{node}", pipeline.label() + "-" + node.id()));
        }
      }
      CpuProfile.jvmOptions().forEach(node::jvmArg);
      node.jvmArg(GcEvents.jvmOption(gcLog(node)));
    }
    List<String> databases = new ArrayList<>();
    if (store == Store.POSTGRESQL) {
      try {
        for (NodeProcess node : List.of(kz, kg)) {
          String url =
              PostgresTestDatabase.createDatabase(
                  "kopir_bench_" + pipeline.name().toLowerCase(Locale.ROOT) + "_" + node.id());
          databases.add(url);
          PostgresTestDatabase.useDatabase(node, url);
        }
      } catch (RuntimeException e) {
        databases.forEach(PostgresTestDatabase::dropDatabase);
        throw e;
      }
    }
    // Side by side: a node needs its partner only to deliver, not to start.
    CompletableFuture<NodeProcess> kgStarted = CompletableFuture.supplyAsync(kg::start);
    try {
      kz.start();
      kgStarted.join();
      InboxWatcher inbox =
          new InboxWatcher(
              kg.brokerPort(), EndToEndBench.RECIPIENT, EndToEndBench.RECIPIENT + "-dev");
      System.out.printf(
          "%s: nodes ready (kz pid %d, kg pid %d); data in %s%s%n",
          pipeline.label(),
          kz.pid(),
          kg.pid(),
          dir,
          databases.isEmpty() ? "" : " and " + String.join(", ", databases));
      return new NodePair(pipeline, kz, kg, inbox, List.copyOf(databases));
    } catch (Exception | Error e) {
      kgStarted.handle((started, failure) -> null).join();
      kz.close();
      kg.close();
      databases.forEach(PostgresTestDatabase::dropDatabase);
      throw e;
    }
  }

  /**
   * CPU used so far by each node, by node id, and by the benchmark's own process ({@link #CLIENT}:
   * the submitting agency and the recipient's inbox reader), so that the nodes' share is clear; on
   * PostgreSQL also by the database server's processes ({@link #DATABASE}) if they run on this
   * machine.
   */
  Map<String, ProcessStats.CpuUse> cpu() throws IOException {
    Map<String, ProcessStats.CpuUse> cpu = new HashMap<>();
    cpu.put(kz.id(), ProcessStats.cpu(kz.pid()));
    cpu.put(kg.id(), ProcessStats.cpu(kg.pid()));
    cpu.put(CLIENT, ProcessStats.cpu(ProcessHandle.current().pid()));
    if (!databases.isEmpty()) {
      ProcessStats.processesNamed(Store.POSTGRESQL_PROCESS)
          .ifPresent(use -> cpu.put(DATABASE, use));
    }
    return cpu;
  }

  /** Each node's meters so far ({@link NodeMeters}), by node id. */
  Map<String, NodeMeters> meters() {
    return asOperator(NodeMeters::read);
  }

  /** The fill of a node's embedded store ({@link NodeMeters#storeFillPercent}), by node id. */
  Map<String, OptionalDouble> storeFillPercent() {
    return asOperator(NodeMeters::storeFillPercent);
  }

  /** Both nodes' garbage collections so far, from their logs ({@link GcEvents}). */
  List<GcEvents.Event> collections() {
    List<GcEvents.Event> collections = new ArrayList<>();
    for (NodeProcess node : List.of(kz, kg)) {
      collections.addAll(GcEvents.read(node.id(), gcLog(node)));
    }
    return collections;
  }

  /** Where a node logs its collections: beside its data directory, as its profiles are kept. */
  private static Path gcLog(NodeProcess node) {
    return node.dataDir().resolveSibling(node.id() + "-gc.log");
  }

  /** What {@code read} gets from each node's local API as its operator, by node id. */
  private <T> Map<String, T> asOperator(BiFunction<Http, String, T> read) {
    return Map.of(
        kz.id(), read.apply(kz.person("operator"), kz.localUrl()),
        kg.id(), read.apply(kg.person("operator"), kg.localUrl()));
  }

  /** The key of the benchmark process's own CPU in {@link #cpu()}. */
  static final String CLIENT = "client";

  /** The key of the PostgreSQL server's CPU in {@link #cpu()}. */
  static final String DATABASE = "database";

  void startProfiles(boolean cpuTimeSamples) throws IOException, InterruptedException {
    CpuProfile.start(kz.pid(), cpuTimeSamples);
    CpuProfile.start(kg.pid(), cpuTimeSamples);
  }

  /** What each node's recording of one run shows, by node id. */
  record Profiles(Map<String, Map<String, Long>> samples, Map<String, CompilerWork> compiler) {

    static final Profiles NONE = new Profiles(Map.of(), Map.of());
  }

  /**
   * Stops both recordings (kept beside the nodes' data, and copied to {@code keep} unless it is
   * null); samples per category and the JIT compiler's work, by node id.
   */
  Profiles stopProfiles(String run, Path keep) throws IOException, InterruptedException {
    Map<String, Map<String, Long>> samples = new LinkedHashMap<>();
    Map<String, CompilerWork> compiler = new LinkedHashMap<>();
    for (NodeProcess node : List.of(kz, kg)) {
      Path file =
          CpuProfile.stop(
              node.pid(), node.dataDir().resolveSibling(node.id() + "-" + run + ".jfr"));
      CpuProfile.Samples sampled = new CpuProfile.Samples();
      CompilerWork.Tally compiled = new CompilerWork.Tally();
      CpuProfile.readEvents(file, sampled.andThen(compiled));
      samples.put(node.id(), sampled.breakdown());
      compiler.put(node.id(), compiled.build());
      if (keep != null) {
        java.nio.file.Files.createDirectories(keep);
        java.nio.file.Files.copy(
            file,
            keep.resolve(pipeline.label() + "-" + file.getFileName()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return new Profiles(samples, compiler);
  }

  @Override
  public void close() throws Exception {
    try {
      inbox.close();
    } finally {
      CompletableFuture<Void> kgStopped = CompletableFuture.runAsync(kg::close);
      try {
        kz.close();
        kgStopped.join();
      } finally {
        databases.forEach(PostgresTestDatabase::dropDatabase);
      }
    }
  }
}
