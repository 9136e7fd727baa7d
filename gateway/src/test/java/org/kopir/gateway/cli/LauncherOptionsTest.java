package org.kopir.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scripts and the Compose file start a node with the options the demo gives it ({@link
 * DemoCommand#DEFAULT_JVM_OPTIONS}); the image's are checked by {@link ImageDefinitionTest}.
 */
class LauncherOptionsTest {

  private static final String OPTIONS = DemoCommand.DEFAULT_JVM_OPTIONS;

  @Test
  void deployKopirStartsEachNodeWithTheDemosJvmOptions() {
    assertThat(repositoryFile("deploy/kopir")).contains("DEFAULT_JAVA_OPTS=\"" + OPTIONS + "\"");
  }

  @Test
  void theLocalProductionRunStartsItsNodesWithTheDemosJvmOptions() {
    assertThat(repositoryFile("deploy/production-local"))
        .contains("${KOPIR_JAVA_OPTS:-" + OPTIONS + "}");
  }

  @Test
  void everyNodeOfTheComposeFileGetsTheDemosJvmOptions() {
    List<String> javaOptions =
        repositoryFile("docker-compose.yml")
            .lines()
            .map(String::strip)
            .filter(line -> line.startsWith("JAVA_OPTS:"))
            .toList();

    assertThat(javaOptions)
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).isEqualTo("JAVA_OPTS: " + OPTIONS));
  }

  private static String repositoryFile(String name) {
    for (Path candidate : List.of(Path.of("..", name), Path.of(name))) {
      if (Files.isRegularFile(candidate)) {
        try {
          return Files.readString(candidate);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new IllegalStateException(name + " not found");
  }
}
