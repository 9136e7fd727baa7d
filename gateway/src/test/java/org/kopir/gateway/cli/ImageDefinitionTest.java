package org.kopir.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image ({@code gateway/Dockerfile}) starts a node as the launchers do: the same heap and GC,
 * and the broker's native journal library that {@code journal-library} wrote when it was built.
 */
class ImageDefinitionTest {

  private final String dockerfile = dockerfile();

  @Test
  void setsTheLaunchersHeapAndGarbageCollector() {
    assertThat(dockerfile).contains("ENV JAVA_OPTS=\"" + DemoCommand.DEFAULT_JVM_OPTIONS + "\"");
  }

  @Test
  void startsTheNodeWithTheOptionsOfTheJournalLibraryItWroteAheadOfJavaOpts() {
    Matcher written =
        Pattern.compile("journal-library (\\S+) \\\\\\s*> (\\S+)").matcher(dockerfile);
    assertThat(written.find()).as("a RUN step writes the library and its options").isTrue();
    String libraryDirectory = written.group(1);
    String optionsFile = written.group(2);

    assertThat(optionsFile).startsWith(libraryDirectory + "/");
    assertThat(entrypoint()).contains("exec java $(cat " + optionsFile + ") $JAVA_OPTS -jar ");
  }

  @Test
  void linksUbuntusRenamedLibaioUnderTheNameArtemisLibraryAsksFor() {
    assertThat(dockerfile)
        .contains("libaio1t64")
        .contains("grep '/libaio\\.so\\.1t64$'")
        .contains("ln -s \"$libaio\" \"${libaio%t64}\"");
  }

  private String entrypoint() {
    return dockerfile
        .lines()
        .filter(line -> line.startsWith("ENTRYPOINT "))
        .findFirst()
        .orElseThrow();
  }

  private static String dockerfile() {
    for (Path candidate : List.of(Path.of("Dockerfile"), Path.of("gateway/Dockerfile"))) {
      if (Files.isRegularFile(candidate)) {
        try {
          return Files.readString(candidate);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException("gateway/Dockerfile not found");
  }
}
