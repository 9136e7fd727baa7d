package org.kopir.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.broker.JournalLibrary;
import picocli.CommandLine;

/** {@code journal-library}: what deploy/kopir adds to a node's JVM options. */
class JournalLibraryCommandTest {

  @Test
  void printsTheOptionsThatLoadTheLibraryItWrote(@TempDir Path dir) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new KopirCommand()).execute("journal-library", dir.toString());
    } finally {
      System.setOut(original);
    }

    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo(
            "-Djava.library.path=" + dir.toAbsolutePath() + " --enable-native-access=ALL-UNNAMED");
    assertThat(dir.resolve(JournalLibrary.FILE_NAME)).isRegularFile();
  }
}
