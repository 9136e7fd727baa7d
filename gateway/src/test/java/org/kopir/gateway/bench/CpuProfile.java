package org.kopir.gateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a node's Java threads spend their CPU during one run: a JDK Flight Recorder recording
 * started and stopped with {@code jcmd} around the run, its samples classified by the work their
 * stack is doing. A sample counts for the first category, in catalogue order, that any frame of its
 * stack belongs to: a pipeline step outranks the libraries it calls (a signature's canonicalization
 * counts as signing, the audit trail's JDBC writes as audit), and a library outranks the framework
 * that called it (TLS under Tomcat counts as TLS). One category outranks the steps: the embedded
 * database's commit (writing the pages a transaction changed), which every step that writes shares.
 *
 * <p>By default the samples are execution samples of threads running Java code: time in native code
 * (system calls such as file and socket writes) is missing. Asked for, on JDK 25 and later, they
 * are CPU-time samples instead ({@code jdk.CPUTimeSample}, JEP 509): one per {@link
 * #SAMPLE_PERIOD_MILLIS} of a thread's CPU time, taken in Java or in native code (a file write
 * counts for the Java code that asked for it). These cost the node more CPU while it runs (deep
 * stacks walked for every sample), so the figures of a run profiled so are not compared with
 * others. Either way JIT compilation and GC, whose threads run no Java code, make up the rest of
 * the process's CPU.
 */
final class CpuProfile {

  static final String RECORDING = "kopir-bench";

  /**
   * Sampling period. A CPU-time sample stands for this much of its thread's CPU time; an execution
   * sample for about this much CPU (on two cores at most two threads run at a time, fewer than JFR
   * samples per period).
   */
  static final int SAMPLE_PERIOD_MILLIS = 10;

  private static final String CPU_TIME_SAMPLE = "jdk.CPUTimeSample";
  private static final String CPU_TIME_SAMPLES_LOST = "jdk.CPUTimeSamplesLost";
  private static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";

  /**
   * CPU-time samples the JVM took but could not record (its queue was full) or whose stack it could
   * not walk: CPU of unknown work.
   */
  static final String LOST = "samples lost";

  /** Categories in precedence order. */
  private static final List<Map.Entry<String, Predicate<String>>> CATEGORIES =
      List.of(
          category("database commit", "org.h2.mvstore.MVStore.store"),
          category("audit trail", "org.kopir.gateway.audit."),
          category("identity block seal/open", "org.kopir.gateway.crypto.IdentityBlockCipher"),
          category(
              "signature verification",
              "org.kopir.gateway.crypto.SignedMessageVerifier",
              "org.kopir.gateway.crypto.CertificateTrust"),
          category(
              "signing", "org.kopir.gateway.crypto.MessageSigner", "org.kopir.gateway.crypto.Cms"),
          category("validation", "org.kopir.gateway.validation."),
          category("pseudonymization", "org.kopir.gateway.pseudonymization."),
          category("JSON read/write", "com.fasterxml.jackson.", "org.kopir.gateway.intake.Json"),
          category("TLS", "sun.security.", "com.sun.crypto.provider.", "javax.net.ssl."),
          category("database", "org.h2.", "com.zaxxer.hikari.", "org.springframework.jdbc."),
          category("broker", "org.apache.activemq."),
          category("logging", "ch.qos.logback.", "net.logstash.", "org.slf4j."),
          category("HTTP client", "jdk.internal.net.http."),
          category(
              "HTTP server and security filters",
              "org.apache.tomcat.",
              "org.apache.coyote.",
              "org.apache.catalina.",
              "org.springframework.security.",
              "org.springframework.web."),
          category("JMS and Camel routing", "org.apache.camel.", "org.springframework.jms."),
          category("other Kopir code", "org.kopir.gateway."));

  private static final String OTHER = "other";

  private CpuProfile() {}

  private static Map.Entry<String, Predicate<String>> category(String name, String... prefixes) {
    return Map.entry(name, frame -> startsWithAny(frame, prefixes));
  }

  private static boolean startsWithAny(String frame, String[] prefixes) {
    for (String prefix : prefixes) {
      if (frame.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** JVM options a profiled node needs: stacks deep enough to reach the pipeline's frames. */
  static List<String> jvmOptions() {
    return List.of("-XX:FlightRecorderOptions:stackdepth=512");
  }

  /** Whether the JDK running the benchmark, which also runs the nodes, takes CPU-time samples. */
  static boolean cpuTimeSamplesSupported() {
    return Runtime.version().feature() >= 25;
  }

  /** Starts the recording: execution samples, and CPU-time samples if {@code cpuTimeSamples}. */
  static void start(long pid, boolean cpuTimeSamples) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("JFR.start");
    command.add("name=" + RECORDING);
    command.add("settings=profile");
    command.add(EXECUTION_SAMPLE + "#period=" + SAMPLE_PERIOD_MILLIS + "ms");
    if (cpuTimeSamples) {
      command.add(CPU_TIME_SAMPLE + "#enabled=true");
      command.add(CPU_TIME_SAMPLE + "#throttle=" + SAMPLE_PERIOD_MILLIS + "ms");
      command.add(CPU_TIME_SAMPLES_LOST + "#enabled=true");
    }
    // Every compilation, not only the slow ones: what keeps the JIT busy in a steady state.
    command.add("jdk.Compilation#threshold=0ms");
    jcmd(pid, command.toArray(String[]::new));
  }

  /** Stops the recording and writes it to {@code file}. */
  static Path stop(long pid, Path file) throws IOException, InterruptedException {
    jcmd(pid, "JFR.stop", "name=" + RECORDING, "filename=" + file.toAbsolutePath());
    return file;
  }

  /**
   * Reads {@code recording} once, event by event, handing each event to {@code reader}: one pass
   * serves every reader of a run's recording ({@link Samples}, {@link CompilerWork.Tally}, joined
   * with {@link Consumer#andThen}), without holding the whole recording in memory.
   */
  static void readEvents(Path recording, Consumer<RecordedEvent> reader) throws IOException {
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        reader.accept(file.readEvent());
      }
    }
  }

  /**
   * Samples per category, counted as a recording's events are read: the CPU-time samples if the
   * recording has any, otherwise the execution samples.
   */
  static final class Samples implements Consumer<RecordedEvent> {

    private final Map<String, Long> execution = new HashMap<>();
    private final Map<String, Long> cpuTime = new HashMap<>();
    private boolean anyCpuTime;

    @Override
    public void accept(RecordedEvent event) {
      switch (event.getEventType().getName()) {
        case CPU_TIME_SAMPLES_LOST -> cpuTime.merge(LOST, event.getLong("lostSamples"), Long::sum);
        case CPU_TIME_SAMPLE -> {
          anyCpuTime = true;
          if (event.getStackTrace() == null || event.getBoolean("failed")) {
            cpuTime.merge(LOST, 1L, Long::sum);
          } else {
            cpuTime.merge(category(event), 1L, Long::sum);
          }
        }
        case EXECUTION_SAMPLE -> {
          if (event.getStackTrace() != null) {
            execution.merge(category(event), 1L, Long::sum);
          }
        }
        default -> {}
      }
    }

    private static String category(RecordedEvent sample) {
      return classify(frames(sample.getStackTrace().getFrames()));
    }

    /** Samples per category, largest first. */
    Map<String, Long> breakdown() {
      Map<String, Long> sorted = new LinkedHashMap<>();
      (anyCpuTime ? cpuTime : execution)
          .entrySet().stream()
              .sorted(
                  Map.Entry.<String, Long>comparingByValue()
                      .reversed()
                      .thenComparing(Map.Entry.comparingByKey()))
              .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
      return sorted;
    }
  }

  private static List<String> frames(List<RecordedFrame> frames) {
    List<String> names = new ArrayList<>(frames.size());
    for (RecordedFrame frame : frames) {
      names.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
    }
    return names;
  }

  /**
   * The category of a sample whose stack holds these frames (leaf first), each the method's class
   * and name ({@code org.h2.mvstore.MVStore.store}); a frame may also be given by its class alone.
   */
  static String classify(List<String> frames) {
    for (var category : CATEGORIES) {
      if (frames.stream().anyMatch(category.getValue())) {
        return category.getKey();
      }
    }
    return OTHER;
  }

  private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    line.add(jcmdBinary());
    line.add(Long.toString(pid));
    line.addAll(List.of(command));
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }

  /** jcmd of the JDK running the benchmark, which also runs the nodes. */
  private static String jcmdBinary() {
    String java = ProcessHandle.current().info().command().orElse("java");
    return Path.of(java).resolveSibling("jcmd").toString();
  }
}
