package org.kopir.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.broker.JournalLibrary;
import picocli.CommandLine;

/** The demo's options: which nodes, and the JVM options each node's process gets. */
class DemoCommandTest {

  @Test
  void nodesAndJvmOptionsAreOptions() {
    DemoCommand demo = new DemoCommand();
    new CommandLine(demo)
        .parseArgs("--nodes", "kz", "--jvm-options", " -Xmx256m  -XX:+UseSerialGC ");

    assertThat(demo.nodeIds).containsExactly("kz");
    assertThat(DemoCommand.jvmOptions(demo.jvmOptions))
        .containsExactly("-Xmx256m", "-XX:+UseSerialGC");
  }

  @Test
  void byDefaultTheThreeNodesGetTheNodeHeapAndGc() {
    DemoCommand demo = new DemoCommand();
    new CommandLine(demo).parseArgs();

    assertThat(demo.nodeIds).containsExactly("kz", "kg", "tj");
    String expected =
        System.getenv().getOrDefault("KOPIR_JAVA_OPTS", DemoCommand.DEFAULT_JVM_OPTIONS);
    assertThat(demo.jvmOptions).isEqualTo(expected);
    assertThat(DemoCommand.jvmOptions(DemoCommand.DEFAULT_JVM_OPTIONS))
        .containsExactly(
            "-Xmx512m",
            "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=200",
            "-XX:-ClassUnloadingWithConcurrentMark");
    assertThat(DemoCommand.jvmOptions("  ")).isEmpty();
  }

  @Test
  void eachNodeLoadsTheBrokersNativeJournalLibraryUnlessItsOptionsNameALibraryPath(
      @TempDir Path data) {
    Path library = data.resolve("native");

    assertThat(DemoCommand.nodeOptions(DemoCommand.DEFAULT_JVM_OPTIONS, library))
        .containsExactly(
            "-Xmx512m",
            "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=200",
            "-XX:-ClassUnloadingWithConcurrentMark",
            "-Djava.library.path=" + library.toAbsolutePath(),
            "--enable-native-access=ALL-UNNAMED");
    assertThat(library.resolve(JournalLibrary.FILE_NAME)).isRegularFile();
    assertThat(DemoCommand.nodeOptions("-Xmx256m -Djava.library.path=/opt/lib", data))
        .containsExactly("-Xmx256m", "-Djava.library.path=/opt/lib");
  }

  @Test
  void byDefaultTheDemoWaitsForEachNodesLocalApiAndTrustsItsCa() {
    DemoCommand demo = new DemoCommand();
    new CommandLine(demo).parseArgs();

    assertThat(DemoCommand.healthUrls(demo.nodeIds))
        .containsExactly(
            "https://127.0.0.1:8443/actuator/health",
            "https://127.0.0.1:9443/actuator/health",
            "https://127.0.0.1:7443/actuator/health");
    assertThat(demo.caCertificates)
        .containsExactly(
            Path.of("certs-dev/kz/ca.crt"),
            Path.of("certs-dev/kg/ca.crt"),
            Path.of("certs-dev/tj/ca.crt"));
    assertThat(demo.caCertificates).allMatch(Files::isRegularFile);
    assertThat(demo.healthUrls).isNull();
  }

  @Test
  void twoNodesOnRequest() {
    DemoCommand demo = new DemoCommand();
    new CommandLine(demo).parseArgs("--nodes", "kz,kg");

    assertThat(demo.nodeIds).containsExactly("kz", "kg");
    assertThat(DemoCommand.healthUrls(demo.nodeIds))
        .containsExactly(
            "https://127.0.0.1:8443/actuator/health", "https://127.0.0.1:9443/actuator/health");
  }

  @Test
  void eachNodesPortIsTheLocalPortOfItsConfiguration() throws Exception {
    for (var node : DemoCommand.LOCAL_PORTS.entrySet()) {
      String config = Files.readString(Path.of("routes/config", node.getKey() + ".yml"));
      assertThat(config).contains("    local: " + node.getValue() + "\n");
    }
  }

  @Test
  void refusesAnUnknownNode() {
    assertThat(new CommandLine(new DemoCommand()).execute("--nodes", "kz,uz")).isEqualTo(2);
  }
}
