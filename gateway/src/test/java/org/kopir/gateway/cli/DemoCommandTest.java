package org.kopir.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
  void byDefaultBothNodesGetTheNodeHeapAndGc() {
    DemoCommand demo = new DemoCommand();
    new CommandLine(demo).parseArgs();

    assertThat(demo.nodeIds).containsExactly("kz", "kg");
    String expected =
        System.getenv().getOrDefault("KOPIR_JAVA_OPTS", DemoCommand.DEFAULT_JVM_OPTIONS);
    assertThat(demo.jvmOptions).isEqualTo(expected);
    assertThat(DemoCommand.jvmOptions(DemoCommand.DEFAULT_JVM_OPTIONS))
        .containsExactly("-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=200");
    assertThat(DemoCommand.jvmOptions("  ")).isEmpty();
  }
}
