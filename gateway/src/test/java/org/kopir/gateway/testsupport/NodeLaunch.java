package org.kopir.gateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.util.FileSystemUtils;

/**
 * How process-level tests start a node quickly: from the application jar extracted into Spring
 * Boot's deployment layout ({@code java -Djarmode=tools -jar kopir-gateway.jar extract}: the same
 * classes and resources, as plain jars), with a JDK AOT cache (JDK 25+) trained by one node start,
 * and with the C1 compiler only, which suits a node that lives for one test. A node then starts in
 * about a third of the time {@code java -jar} takes, and with a quarter of its CPU
 * (docs/performance.md, "Resilience tests run by {@code mvn verify}").
 *
 * <p>The layout and the cache are built once per application jar, under {@code
 * gateway/target/node-launch}, and built again when the jar changes. Tests of the jar as shipped
 * ({@link NodeProcess#runCli}, the benchmark, a node run outside the repository) keep {@code java
 * -jar}.
 */
final class NodeLaunch {

  private static final Path DIR = Path.of("gateway/target/node-launch");
  private static final Path APP = DIR.resolve("app");
  private static final Path APP_JAR = APP.resolve(NodeProcess.JAR.getFileName());
  private static final Path CACHE = DIR.resolve("kopir.aot");
  private static final Path STAMP = DIR.resolve("built-from");

  /** The JDK's AOT cache options (JEP 483, 514) arrived with Java 25. */
  private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;

  private NodeLaunch() {}

  /** The command up to the node's own arguments: java, its options, {@code -jar} and the jar. */
  static synchronized List<String> command() {
    extract();
    if (AOT_CACHE && !Files.isRegularFile(CACHE)) {
      train();
    }
    List<String> command = new ArrayList<>();
    command.add(NodeProcess.javaBinary());
    if (Files.isRegularFile(CACHE)) {
      command.add("-XX:AOTCache=" + CACHE.toAbsolutePath());
    }
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-jar");
    command.add(APP_JAR.toAbsolutePath().toString());
    return command;
  }

  /** The application jar of the extracted layout, prepared first. */
  static synchronized Path extractedJar() {
    extract();
    return APP_JAR.toAbsolutePath();
  }

  /** The training run's command: the extracted jar, writing the cache when the node exits. */
  static List<String> trainingCommand() {
    List<String> command = new ArrayList<>();
    command.add(NodeProcess.javaBinary());
    command.add("-XX:AOTCacheOutput=" + CACHE.toAbsolutePath());
    command.add("-jar");
    command.add(APP_JAR.toAbsolutePath().toString());
    return command;
  }

  /**
   * Extracts the application jar, unless this jar's layout is there; a new layout drops the cache.
   */
  private static void extract() {
    String source = stampOf(NodeProcess.JAR);
    if (source.equals(read(STAMP)) && Files.isRegularFile(APP_JAR)) {
      return;
    }
    try {
      FileSystemUtils.deleteRecursively(DIR);
      Files.createDirectories(DIR);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run(
        List.of(
            NodeProcess.javaBinary(),
            "-Djarmode=tools",
            "-jar",
            NodeProcess.JAR.toAbsolutePath().toString(),
            "extract",
            "--destination",
            APP.toAbsolutePath().toString()));
    write(STAMP, source);
  }

  /**
   * One node start with the development certificates, stopped in order once it is ready: the JVM
   * writes the cache of the classes it loaded and the profiles it gathered as it exits.
   */
  private static void train() {
    Path work = DIR.resolve("training");
    try (NodeProcess node = NodeProcess.training("kz", work.resolve("kz"), Path.of("certs-dev"))) {
      node.start();
    }
    if (!Files.isRegularFile(CACHE)) {
      throw new IllegalStateException("the training run wrote no AOT cache; see " + work);
    }
  }

  private static String stampOf(Path jar) {
    try {
      return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
