package org.kopir.gateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A standalone Artemis broker of the {@code apache-artemis} distribution (unpacked by the build
 * into {@code gateway/target/artemis}, system property {@code kopir.test.artemis-home}), its
 * instance created by {@code deploy/artemis/create-instance} exactly as an operator would, and run
 * as a child process ({@code bin/artemis run} execs the JVM, so {@link #kill()} is a SIGKILL of the
 * broker itself). {@link #createPair} makes a replicated primary/backup pair of them.
 */
public final class StandaloneBroker implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  /** Logged by a broker that accepts clients: the primary, or a backup that took over. */
  public static final String ACTIVE = "AMQ221007";

  /** Logged by a backup once it holds all of its primary's journal. */
  public static final String BACKUP_SYNCHRONIZED = "AMQ221024";

  /** Logged by a backup after {@link #BACKUP_SYNCHRONIZED}, once clients can learn of it. */
  public static final String BACKUP_ANNOUNCED = "AMQ221031";

  /** The password file of the pair's cluster account in the passwords directory. */
  public static final String CLUSTER_USER = "kopir-cluster";

  private final String node;
  private final Path instance;
  private final int port;
  private final String role;
  private Process process;
  private int starts;
  private long logMark;

  private StandaloneBroker(String node, Path instance, int port, String role) {
    this.node = node;
    this.instance = instance.toAbsolutePath();
    this.port = port;
    this.role = role;
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
    createInstance(node, instance, certs, partnerCa, passwords, port, nodeSettings);
    return new StandaloneBroker(node, instance, port, null);
  }

  /**
   * Creates the instances of {@code node}'s replicated broker pair under {@code directory} ({@code
   * primary} and {@code backup}, both on loopback), with {@code create-instance}'s {@code --ha-*}
   * options. The pair's cluster password is the file {@value #CLUSTER_USER} in {@code passwords},
   * written with a random one when missing.
   */
  public static Pair createPair(
      String node,
      Path directory,
      Path certs,
      Path partnerCa,
      Path passwords,
      List<String> nodeSettings) {
    Path clusterPassword = passwords.resolve(CLUSTER_USER);
    try {
      if (!Files.exists(clusterPassword)) {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        Files.writeString(clusterPassword, HexFormat.of().formatHex(secret) + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int primaryPort = FreePorts.next();
    int backupPort = FreePorts.next();
    while (backupPort == primaryPort) {
      backupPort = FreePorts.next();
    }
    Path primaryInstance = directory.resolve("primary");
    Path backupInstance = directory.resolve("backup");
    int peerOfPrimary = backupPort;
    // Both at once, on a thread of their own (not the common pool, which may be busy or single).
    RuntimeException[] failure = new RuntimeException[1];
    Thread primary =
        new Thread(
            () -> {
              try {
                createInstance(
                    node,
                    primaryInstance,
                    certs,
                    partnerCa,
                    passwords,
                    primaryPort,
                    pairSettings("primary", peerOfPrimary, nodeSettings));
              } catch (RuntimeException e) {
                failure[0] = e;
              }
            },
            "create-instance-primary");
    primary.start();
    createInstance(
        node,
        backupInstance,
        certs,
        partnerCa,
        passwords,
        backupPort,
        pairSettings("backup", primaryPort, nodeSettings));
    try {
      primary.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return new Pair(
        new StandaloneBroker(node, primaryInstance, primaryPort, "primary"),
        new StandaloneBroker(node, backupInstance, backupPort, "backup"));
  }

  private static List<String> pairSettings(String role, int peerPort, List<String> nodeSettings) {
    List<String> settings = new ArrayList<>(List.of("--ha-role", role));
    settings.add("--ha-peer");
    settings.add("127.0.0.1:" + peerPort);
    settings.addAll(nodeSettings);
    return settings;
  }

  private static void createInstance(
      String node,
      Path instance,
      Path certs,
      Path partnerCa,
      Path passwords,
      int port,
      List<String> nodeSettings) {
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
  }

  /**
   * A replicated pair: start the primary first, then the backup. Closing stops the backup first, so
   * an orderly stop does not hand over to it.
   */
  public record Pair(StandaloneBroker primary, StandaloneBroker backup) implements AutoCloseable {

    /** Starts the primary, then the backup; returns once the backup is in sync and announced. */
    public Pair start() {
      primary.start();
      backup.start();
      return this;
    }

    /**
     * The client URL listing both brokers, each entry named as the connector its broker announces,
     * so the client fails over with its own TLS parameters (given once, for both).
     */
    public String url(Path keyStore, Path trustStore) {
      return "(tcp://127.0.0.1:"
          + primary.port
          + "?name=kopir-primary,tcp://127.0.0.1:"
          + backup.port
          + "?name=kopir-backup)?ha=true;reconnectAttempts=-1;retryInterval=500"
          + ";sslEnabled=true;keyStoreType=PEM;keyStorePath="
          + keyStore.toAbsolutePath()
          + ";trustStoreType=PEM;trustStorePath="
          + trustStore.toAbsolutePath();
    }

    @Override
    public void close() {
      backup.close();
      primary.close();
    }
  }

  /**
   * Starts the broker and returns once it reports itself active; a backup of a pair once it reports
   * itself in sync with its primary and announced to clients.
   */
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
      ForcedKill.atJvmExit(process);
      if ("backup".equals(role)) {
        logMark = awaitLog(logged, READY_TIMEOUT, 200, BACKUP_SYNCHRONIZED, BACKUP_ANNOUNCED);
      } else {
        logMark = awaitLog(logged, READY_TIMEOUT, 200, ACTIVE);
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until this broker, started before, reports itself active since {@link #start()} returned:
   * a backup that took over from its primary.
   *
   * @return when this was seen (looked for every 20 ms)
   */
  public Instant awaitActive(Duration timeout) {
    try {
      logMark = awaitLog(logMark, timeout, 20, ACTIVE);
      return Instant.now();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until the log, from byte {@code from}, holds {@code markers} in this order.
   *
   * @return the log's length when the last marker was seen
   */
  private long awaitLog(long from, Duration timeout, long pollMillis, String... markers)
      throws IOException {
    Instant deadline = Instant.now().plus(timeout);
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
      int at = 0;
      for (String marker : markers) {
        at = at < 0 ? -1 : since.indexOf(marker, at);
      }
      if (at >= 0) {
        return log.length;
      }
      NodeProcess.sleep(pollMillis);
    }
    throw new IllegalStateException(
        "broker of "
            + node
            + " did not log "
            + String.join(" then ", markers)
            + "; see "
            + logFile());
  }

  /** SIGKILL: the journal gets no orderly close. */
  public void kill() {
    if (process == null) {
      return;
    }
    ForcedKill.kill(process);
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
          ForcedKill.kill(process);
        }
      } catch (InterruptedException e) {
        ForcedKill.kill(process);
        Thread.currentThread().interrupt();
      }
    }
  }
}
