package org.kopir.gateway.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.kopir.gateway.broker.JournalLibrary;
import org.kopir.gateway.crypto.PemFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the demo nodes ({@code kz}, {@code kg} and {@code tj}, or those of {@code --nodes}) as
 * processes of this jar on embedded defaults, waits until all are ready, and stops all on Ctrl-C.
 * Each node's JVM gets the heap and GC settings of {@link #DEFAULT_JVM_OPTIONS}
 * (docs/operations.md), or those of {@code --jvm-options} or the environment variable {@code
 * KOPIR_JAVA_OPTS}, and the broker's native journal library from {@code data/native} ({@link
 * JournalLibrary}) unless those options name a library path of their own.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start the kz, kg and tj nodes (or those of --nodes) on embedded defaults; Ctrl-C stops"
            + " them.")
public class DemoCommand implements Callable<Integer> {

  /**
   * Heap and GC of a node on a 2-core server, for every launcher alike (docs/operations.md, "Memory
   * and GC"; LauncherOptionsTest and ImageDefinitionTest hold the others to it).
   */
  public static final String DEFAULT_JVM_OPTIONS =
      "-Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=200 -XX:-ClassUnloadingWithConcurrentMark";

  @Option(
      names = "--nodes",
      split = ",",
      defaultValue = "kz,kg,tj",
      description = "The nodes to start (default: ${DEFAULT-VALUE}; --nodes kz,kg for two).")
  List<String> nodeIds;

  @Option(
      names = "--jvm-options",
      defaultValue = "${env:KOPIR_JAVA_OPTS:-" + DEFAULT_JVM_OPTIONS + "}",
      description =
          "JVM options of each node, separated by spaces (default: $KOPIR_JAVA_OPTS, else"
              + " ${DEFAULT-VALUE}).")
  String jvmOptions;

  @Option(
      names = "--health-timeout",
      defaultValue = "PT3M",
      description = "How long to wait for each node to be ready (ISO-8601 duration).")
  Duration healthTimeout;

  @Option(
      names = "--health-url",
      split = ",",
      description =
          "Readiness URLs of the nodes (default: https://127.0.0.1:8443/actuator/health for kz,"
              + " https://127.0.0.1:9443/actuator/health for kg,"
              + " https://127.0.0.1:7443/actuator/health for tj).")
  List<String> healthUrls;

  @Option(
      names = "--ca",
      split = ",",
      defaultValue = "certs-dev/kz/ca.crt,certs-dev/kg/ca.crt,certs-dev/tj/ca.crt",
      description = "CA certificates the nodes' TLS certificates chain to.")
  List<Path> caCertificates;

  @Override
  public Integer call() throws Exception {
    List<Process> nodes = new ArrayList<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(nodes)));
    for (String node : nodeIds) {
      if (!LOCAL_PORTS.containsKey(node)) {
        System.err.println(
            "Unknown node " + node + "; the demo has " + String.join(", ", LOCAL_PORTS.keySet()));
        return 2;
      }
    }
    List<String> options = nodeOptions(jvmOptions, Path.of("data", "native"));
    for (String node : nodeIds) {
      nodes.add(start(node, options));
    }
    List<String> urls = healthUrls != null ? healthUrls : healthUrls(nodeIds);
    for (String url : urls) {
      if (!awaitHealthy(url, nodes)) {
        System.err.println("A node did not become ready; see data/<node>/node.log");
        stopAll(nodes);
        return 1;
      }
    }
    System.out.println(
        (nodes.size() == 1 ? "The node is ready." : "All " + nodes.size() + " nodes are ready.")
            + " Logs: data/<node>/node.log.");
    System.out.println("Try the curl commands in README.md. Ctrl-C stops the demo.");
    for (Process node : nodes) {
      node.waitFor();
    }
    return 0;
  }

  /** Each demo node's local API port (routes/config/<node>.yml), in the demo's order. */
  static final Map<String, Integer> LOCAL_PORTS = localPorts();

  private static Map<String, Integer> localPorts() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("kz", 8443);
    ports.put("kg", 9443);
    ports.put("tj", 7443);
    return java.util.Collections.unmodifiableMap(ports);
  }

  /** The readiness URL of each of {@code nodes}, on its local API. */
  static List<String> healthUrls(List<String> nodes) {
    return nodes.stream()
        .map(node -> "https://127.0.0.1:" + LOCAL_PORTS.get(node) + "/actuator/health")
        .toList();
  }

  /**
   * Each node's JVM options: {@code options}, and the broker's native journal library written to
   * {@code libraryDirectory} unless they name a library path of their own.
   */
  static List<String> nodeOptions(String options, Path libraryDirectory) {
    List<String> nodeOptions = new ArrayList<>(jvmOptions(options));
    if (nodeOptions.stream().noneMatch(option -> option.startsWith("-Djava.library.path="))) {
      nodeOptions.addAll(JournalLibrary.jvmOptions(libraryDirectory));
    }
    return nodeOptions;
  }

  /** The options split at white space; none when blank. */
  static List<String> jvmOptions(String options) {
    return options == null || options.isBlank()
        ? List.of()
        : List.of(options.strip().split("\\s+"));
  }

  private static Process start(String node, List<String> jvmOptions) throws IOException {
    Path log = Path.of("data", node, "node.log");
    Files.createDirectories(log.getParent());
    String java = ProcessHandle.current().info().command().orElse("java");
    // Started as `java -jar kopir-gateway.jar demo`, the class path is exactly that jar.
    String jar = System.getProperty("java.class.path");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar, "--kopir.node=" + node));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    System.out.println(
        "Starting node " + node + " with " + String.join(" ", jvmOptions) + " (log: " + log + ")");
    return builder.start();
  }

  private boolean awaitHealthy(String url, List<Process> nodes) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .sslContext(trusting(caCertificates))
            .build();
    Instant deadline = Instant.now().plus(healthTimeout);
    while (Instant.now().isBefore(deadline)) {
      if (nodes.stream().anyMatch(node -> !node.isAlive())) {
        return false;
      }
      try {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          System.out.println("Ready: " + url);
          return true;
        }
      } catch (IOException notYet) {
        // the node is still starting
      }
      Thread.sleep(1000);
    }
    return false;
  }

  private static SSLContext trusting(List<Path> caCertificates) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (Path ca : caCertificates) {
      trust.setCertificateEntry(ca.toString(), PemFiles.readCertificate(ca));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static void stopAll(List<Process> nodes) {
    nodes.forEach(Process::destroy);
    for (Process node : nodes) {
      try {
        node.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
