package org.kopir.gateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A standalone Artemis broker of the {@code apache-artemis} distribution (unpacked by the build
 * into {@code gateway/target/artemis}, system property {@code kopir.test.artemis-home}), its
 * instance created by {@code deploy/artemis/create-instance} exactly as an operator would, and run
 * as a child process ({@code bin/artemis run} execs the JVM, so {@link #kill()} is a SIGKILL of the
 * broker itself).
 */
public final class StandaloneBroker implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final String node;
  private final Path instance;
  private final int port;
  private Process process;
  private int starts;

  private StandaloneBroker(String node, Path instance, int port) {
    this.node = node;
    this.instance = instance.toAbsolutePath();
    this.port = port;
  }

  /**
   * The unpacked distribution. Outside the build (no {@code kopir.test.artemis-home}) the test is
   * skipped; when the build names a distribution that is not there, it fails.
   */
  public static Path artemisHome() {
    String home = System.getProperty("kopir.test.artemis-home");
    Assumptions.assumeTrue(
        home != null, "needs the apache-artemis distribution (run through 'mvn verify')");
    if (!Files.isExecutable(Path.of(home, "bin", "artemis"))) {
      throw new IllegalStateException("no Artemis distribution at " + home);
    }
    return Path.of(home);
  }

  /**
   * Creates the instance of {@code node}'s broker with {@code deploy/artemis/create-instance}.
   *
   * @param certs the node's key material directory (node-tls.key/.crt, ca.crt)
   * @param partnerCa the partner's CA certificate
   * @param passwords one file per broker user
   * @param nodeSettings further node settings, as on the node's command line
   */
  public static StandaloneBroker create(
      String node,
      Path instance,
      Path certs,
      Path partnerCa,
      Path passwords,
      List<String> nodeSettings) {
    int port = FreePorts.next();
    List<String> command = new ArrayList<>();
    command.add("deploy/artemis/create-instance");
    command.add(artemisHome().toString());
    command.add(instance.toAbsolutePath().toString());
    command.add(certs.toAbsolutePath().toString());
    command.add(partnerCa.toAbsolutePath().toString());
    command.add(passwords.toAbsolutePath().toString());
    command.add("--kopir.node=" + node);
    command.add("--kopir.broker.port=" + port);
    command.addAll(nodeSettings);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KOPIR_JAVA", NodeProcess.javaBinary());
    builder.environment().put("KOPIR_JAR", NodeProcess.JAR.toAbsolutePath().toString());
    builder.environment().put("KOPIR_BROKER_HEAP", "256m");
    try {
      Process create = builder.start();
      String output = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!create.waitFor(3, TimeUnit.MINUTES) || create.exitValue() != 0) {
        throw new IllegalStateException("create-instance failed for " + node + ":\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new StandaloneBroker(node, instance, port);
  }

  /** Starts the broker and returns once it reports itself active. */
  public StandaloneBroker start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("broker of " + node + " is already running");
    }
    try {
      long logged = Files.exists(logFile()) ? Files.size(logFile()) : 0;
      Files.writeString(
          logFile(),
          "=== start " + (++starts) + " at " + Instant.now() + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder builder =
          new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
      // The broker runs on the machine's default Java (17+), as the distribution allows.
      process = builder.start();
      Process started = process;
      Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
      awaitActive(logged);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitActive(long from) throws IOException {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("broker of " + node + " exited; see " + logFile());
      }
      byte[] log = Files.readAllBytes(logFile());
      String since =
          new String(
              log,
              (int) Math.min(from, log.length),
              (int) Math.max(0, log.length - from),
              StandardCharsets.UTF_8);
      if (since.contains("AMQ221007")) {
        return;
      }
      NodeProcess.sleep(200);
    }
    throw new IllegalStateException("broker of " + node + " not active; see " + logFile());
  }

  /** SIGKILL: the journal gets no orderly close. */
  public void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The broker URL for a client presenting {@code keyStore} (PEM: key and certificate) and trusting
   * {@code trustStore} (PEM: CA certificates).
   */
  public String url(Path keyStore, Path trustStore) {
    return "tcp://127.0.0.1:"
        + port
        + "?sslEnabled=true;keyStoreType=PEM;keyStorePath="
        + keyStore.toAbsolutePath()
        + ";trustStoreType=PEM;trustStorePath="
        + trustStore.toAbsolutePath();
  }

  public int port() {
    return port;
  }

  public Path logFile() {
    return instance.resolveSibling(instance.getFileName() + "-broker.log");
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
