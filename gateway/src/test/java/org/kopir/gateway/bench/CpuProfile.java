package org.kopir.gateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a node's Java threads spend their CPU during one run: a JDK Flight Recorder recording
 * started and stopped with {@code jcmd} around the run, its execution samples classified by the
 * work their stack is doing. A sample counts for the first category, in catalogue order, that any
 * frame of its stack belongs to: a pipeline step outranks the libraries it calls (a signature's
 * canonicalization counts as signing, the audit trail's JDBC writes as audit), and a library
 * outranks the framework that called it (TLS under Tomcat counts as TLS). Only threads running Java
 * code are sampled: JIT compilation, GC and time in native code make up the rest of the process's
 * CPU.
 */
final class CpuProfile {

  static final String RECORDING = "kopir-bench";

  /**
   * Sampling period of running Java threads. Each sample stands for about this much CPU: on two
   * cores at most two threads run at a time, fewer than JFR samples per period.
   */
  static final int SAMPLE_PERIOD_MILLIS = 10;

  /** Categories in precedence order. */
  private static final List<Map.Entry<String, Predicate<String>>> CATEGORIES =
      List.of(
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
    return Map.entry(name, type -> startsWithAny(type, prefixes));
  }

  private static boolean startsWithAny(String type, String[] prefixes) {
    for (String prefix : prefixes) {
      if (type.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** JVM options a profiled node needs: stacks deep enough to reach the pipeline's frames. */
  static List<String> jvmOptions() {
    return List.of("-XX:FlightRecorderOptions:stackdepth=512");
  }

  static void start(long pid) throws IOException, InterruptedException {
    jcmd(
        pid,
        "JFR.start",
        "name=" + RECORDING,
        "settings=profile",
        "jdk.ExecutionSample#period=" + SAMPLE_PERIOD_MILLIS + "ms",
        // Every compilation, not only the slow ones: what keeps the JIT busy in a steady state.
        "jdk.Compilation#threshold=0ms");
  }

  /** Stops the recording and writes it to {@code file}. */
  static Path stop(long pid, Path file) throws IOException, InterruptedException {
    jcmd(pid, "JFR.stop", "name=" + RECORDING, "filename=" + file.toAbsolutePath());
    return file;
  }

  /** Execution samples per category, largest first. */
  static Map<String, Long> breakdown(Path recording) throws IOException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!"jdk.ExecutionSample".equals(event.getEventType().getName())
          || event.getStackTrace() == null) {
        continue;
      }
      counts.merge(classify(types(event.getStackTrace().getFrames())), 1L, Long::sum);
    }
    Map<String, Long> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
    return sorted;
  }

  private static List<String> types(List<RecordedFrame> frames) {
    List<String> types = new ArrayList<>(frames.size());
    for (RecordedFrame frame : frames) {
      types.add(frame.getMethod().getType().getName());
    }
    return types;
  }

  /** The category of a sample whose stack holds frames of these classes (leaf first). */
  static String classify(List<String> types) {
    for (var category : CATEGORIES) {
      if (types.stream().anyMatch(category.getValue())) {
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
