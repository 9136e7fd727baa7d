package org.kopir.gateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.kopir.gateway.broker.JournalLibrary;
import org.kopir.gateway.crypto.PemFiles;
import org.kopir.gateway.crypto.SigningCredential;

/**
 * One gateway node run as a child process of the test JVM, on its own ports, data directory and
 * certificate directory. It runs the application jar extracted with an AOT cache ({@link
 * NodeLaunch}), or {@code java -jar gateway/target/kopir-gateway.jar} as shipped ({@link
 * #asShipped()}). It can be killed with SIGKILL and started again on the same ports and data, as a
 * power cut and an operator's restart would do. Standard output and error of every run are appended
 * to {@link #logFile()}.
 */
public final class NodeProcess implements AutoCloseable {

  /** The application jar, built by {@code package}; relative to the repository root. */
  public static final Path JAR = Path.of("gateway/target/kopir-gateway.jar");

  /** Where the nodes' native journal library is written ({@link JournalLibrary}). */
  static final Path JOURNAL_LIBRARY = Path.of("gateway/target/journal-library");

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

  private final String id;
  private final Path dataDir;
  private final Path certsDir;
  private final int localPort;
  private final int borderPort;
  private final int brokerPort;
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private final List<String> jvmArgs = new ArrayList<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final Map<String, String> peoplePasswords = new LinkedHashMap<>();
  private Path workingDirectory;
  private Process process;
  private int starts;
  private Launch launch = Launch.TEST;
  private Path shippedJar = JAR;

  private enum Launch {
    /** The extracted jar with the tests' AOT cache and C1 only ({@link NodeLaunch#command()}). */
    TEST,
    /** {@code java -jar} on the application jar. */
    AS_SHIPPED,
    /** The extracted jar, with no option of its own. */
    EXTRACTED,
    /** The extracted jar, writing the tests' AOT cache as it exits. */
    TRAINING
  }

  public NodeProcess(String id, Path dataDir, Path certsDir) {
    this.id = id;
    this.dataDir = dataDir.toAbsolutePath();
    this.certsDir = certsDir.toAbsolutePath();
    this.localPort = FreePorts.next();
    this.borderPort = FreePorts.next();
    this.brokerPort = FreePorts.next();
  }

  /** The node that trains {@link NodeLaunch}'s AOT cache: the extracted jar, writing the cache. */
  static NodeProcess training(String id, Path dataDir, Path certsDir) {
    NodeProcess node = new NodeProcess(id, dataDir, certsDir);
    node.launch = Launch.TRAINING;
    return node;
  }

  /** Runs {@code java -jar} on the application jar as shipped, not the extracted layout. */
  public NodeProcess asShipped() {
    return asShipped(JAR);
  }

  /**
   * Runs {@code java -jar} on {@code jar}, another build of the application jar, as shipped (for
   * the benchmark to compare two builds on one machine in one session).
   */
  public NodeProcess asShipped(Path jar) {
    this.launch = Launch.AS_SHIPPED;
    this.shippedJar = jar;
    return this;
  }

  /**
   * Runs the application jar extracted into Spring Boot's deployment layout, with no JVM option but
   * this node's own (for the benchmark to compare layouts and AOT caches).
   */
  public NodeProcess extracted() {
    this.launch = Launch.EXTRACTED;
    return this;
  }

  /** Whether the application jar exists (the {@code package} phase has run). */
  public static boolean jarExists() {
    return Files.isRegularFile(JAR);
  }

  /** Points this node at its partner's border port. */
  public NodeProcess partner(NodeProcess partner) {
    return set("kopir.partners." + partner.id() + ".border-url", partner.borderUrl());
  }

  /** A Spring property passed on the command line (outranks the node's config file). */
  public NodeProcess set(String key, Object value) {
    properties.put(key, value);
    return this;
  }

  /** An environment variable of the process, e.g. a secret the production profile requires. */
  public NodeProcess env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** The password of a person's account, when it is not the development one. */
  public NodeProcess password(String user, String password) {
    peoplePasswords.put(user, password);
    return this;
  }

  /** A JVM option such as {@code -Xmx256m}. */
  public NodeProcess jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  /**
   * Runs the node in {@code directory} instead of the repository root; it then needs {@code
   * kopir.config-dir} set to find its configuration file.
   */
  public NodeProcess workingDirectory(Path directory) {
    this.workingDirectory = directory.toAbsolutePath();
    return this;
  }

  /** Starts the process and returns once its readiness probe answers 200. */
  public NodeProcess start() {
    if (isAlive()) {
      throw new IllegalStateException(id + " is already running");
    }
    try {
      Files.createDirectories(dataDir);
      List<String> command = new ArrayList<>(launchCommand());
      // As the launchers start a node: the broker's native journal library on its library path.
      command.addAll(command.size() - 2, JournalLibrary.jvmOptions(JOURNAL_LIBRARY));
      command.addAll(command.size() - 2, jvmArgs);
      command.addAll(arguments());
      Files.writeString(
          logFile(),
          "=== start " + (++starts) + " of " + id + " at " + Instant.now() + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      process =
          builder
              .directory(workingDirectory == null ? null : workingDirectory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
              .start();
      // A test JVM that dies must not leave nodes holding ports and data directories.
      ForcedKill.atJvmExit(process);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Instant begin = Instant.now();
    awaitReady();
    System.out.printf(
        "%s: start %d ready in %d ms (%s)%n",
        id, starts, Duration.between(begin, Instant.now()).toMillis(), launch);
    return this;
  }

  /** Java, its options, {@code -jar} and the jar, as {@link #launch} says. */
  private List<String> launchCommand() {
    return switch (launch) {
      case TEST -> NodeLaunch.command();
      case EXTRACTED -> List.of(javaBinary(), "-jar", NodeLaunch.extractedJar().toString());
      case TRAINING -> NodeLaunch.trainingCommand();
      case AS_SHIPPED -> List.of(javaBinary(), "-jar", shippedJar.toAbsolutePath().toString());
    };
  }

  private List<String> arguments() {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("kopir.node", id);
    all.put("kopir.data-dir", dataDir.toString());
    all.put("kopir.ports.local", localPort);
    all.put("kopir.ports.border", borderPort);
    all.put("kopir.broker.port", brokerPort);
    all.put("kopir.crypto.certs-dir", certsDir.toString());
    all.put("spring.jmx.enabled", "false");
    all.putAll(properties);
    return all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
  }

  private void awaitReady() {
    Http probe = anonymous();
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            id + " exited with " + process.exitValue() + " while starting; see " + logFile());
      }
      try {
        if (probe.get(localUrl() + "/actuator/health/readiness").status() == 200) {
          return;
        }
      } catch (RuntimeException notYetListening) {
        // the port is not open yet
      }
      sleep(250);
    }
    throw new IllegalStateException(
        id + " not ready within " + READY_TIMEOUT + "; see " + logFile());
  }

  /** SIGKILL: the process gets no chance to flush, close or checkpoint anything. */
  public void kill() {
    if (process == null) {
      return;
    }
    ForcedKill.kill(process);
  }

  /** SIGTERM: an orderly shutdown. */
  public void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        ForcedKill.kill(process);
      }
    } catch (InterruptedException e) {
      ForcedKill.kill(process);
      Thread.currentThread().interrupt();
    }
    waitFor();
  }

  private void waitFor() {
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The operating-system process id of the running node. */
  public long pid() {
    if (process == null) {
      throw new IllegalStateException(id + " was never started");
    }
    return process.pid();
  }

  public String id() {
    return id;
  }

  public String localUrl() {
    return "https://127.0.0.1:" + localPort;
  }

  /** Port of the node's embedded broker (TCP acceptor for agency systems). */
  public int brokerPort() {
    return brokerPort;
  }

  public String borderUrl() {
    return "https://127.0.0.1:" + borderPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path certsDir() {
    return certsDir;
  }

  /** Where the output of every run of this node is appended. */
  public Path logFile() {
    return dataDir.resolveSibling(dataDir.getFileName() + "-process.log");
  }

  /** This node's CA certificate: trust anchor of its TLS, agency and audit certificates. */
  public Path ca() {
    return certsDir.resolve(id).resolve("ca.crt");
  }

  /** An HTTPS client acting as {@code agency}, a local agency of this node. */
  public Http agency(String agency) {
    return Http.agency(agencyCredential(agency), ca());
  }

  /** The TLS {@code agency}, a local agency of this node, presents to it. */
  public SSLContext agencyTls(String agency) {
    return Http.tls(agencyCredential(agency), ca());
  }

  private SigningCredential agencyCredential(String agency) {
    Path dir = certsDir.resolve(id).resolve("agencies");
    return PemFiles.readCredential(dir.resolve(agency + ".key"), dir.resolve(agency + ".crt"));
  }

  /** An HTTPS client acting as a person: {@code user}'s password, or its development one. */
  public Http person(String user) {
    return Http.person(user, peoplePasswords.getOrDefault(user, user + "-dev"), ca());
  }

  public Http anonymous() {
    return Http.anonymous(ca());
  }

  /**
   * Exports this node's audit records and checkpoints into {@code dir} and checks them with the
   * offline verifier of the jar ({@code audit verify}), as an auditor would.
   */
  public CliResult exportAndVerifyAudit(Path dir) {
    try {
      Files.createDirectories(dir);
      Http auditor = person("auditor");
      Path records = dir.resolve(id + "-records.jsonl");
      Path checkpoints = dir.resolve(id + "-checkpoints.jsonl");
      // Checkpoints first: one signed between the two reads would otherwise name a seq beyond the
      // exported records and read as a truncated tail.
      Files.writeString(checkpoints, body(auditor.get(localUrl() + "/api/v1/audit/checkpoints")));
      Files.writeString(records, body(auditor.get(localUrl() + "/api/v1/audit/export")));
      return runCli(
          "audit",
          "verify",
          "--records",
          records.toString(),
          "--checkpoints",
          checkpoints.toString(),
          "--ca",
          ca().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String body(Http.Answer answer) {
    if (answer.status() != 200) {
      throw new IllegalStateException("audit export answered " + answer.status());
    }
    return answer.body();
  }

  /** Exit code and combined output of one command of the jar's command line. */
  public record CliResult(int exitCode, String output) {}

  /** Runs {@code java -jar kopir-gateway.jar <args>} to completion. */
  public static CliResult runCli(String... args) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(List.of(args));
    try {
      Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!cli.waitFor(120, TimeUnit.SECONDS)) {
        cli.destroyForcibly();
        throw new IllegalStateException("CLI did not finish: " + command);
      }
      return new CliResult(cli.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The java of the JDK running the tests (21+). */
  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Sleeps, turning an interrupt into a test failure. */
  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the node if it is still running (orderly), so no test leaves a process behind. */
  @Override
  public void close() {
    if (isAlive()) {
      stop();
    }
  }
}
