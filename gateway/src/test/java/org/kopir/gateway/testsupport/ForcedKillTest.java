package org.kopir.gateway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class ForcedKillTest {

  @Test
  void aKilledJvmsNativeJournalFileIsDeletedAndItsOtherOpenFilesAreLeft() throws Exception {
    Process child =
        new ProcessBuilder(
                NodeProcess.javaBinary(),
                "-cp",
                System.getProperty("java.class.path"),
                HoldsFiles.class.getName())
            .redirectErrorStream(true)
            .start();
    Path journalFile;
    Path otherFile;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      journalFile = Path.of(out.readLine());
      otherFile = Path.of(out.readLine());
    }
    assertThat(ForcedKill.nativeJournalFiles(child.toHandle())).containsExactly(journalFile);

    ForcedKill.kill(child);

    assertThat(child.isAlive()).isFalse();
    assertThat(journalFile).doesNotExist();
    assertThat(otherFile).exists();
    Files.delete(otherFile);
  }

  /**
   * A child JVM that holds open a file named as Artemis's native library names its own, and
   * another.
   */
  static final class HoldsFiles {
    public static void main(String[] args) throws Exception {
      Path journalFile = Files.createTempFile(Path.of("/tmp"), ForcedKill.NATIVE_JOURNAL_FILE, "");
      Path otherFile = Files.createTempFile("kopir-forced-kill-", "");
      try (RandomAccessFile journal = new RandomAccessFile(journalFile.toFile(), "rw");
          RandomAccessFile other = new RandomAccessFile(otherFile.toFile(), "rw")) {
        System.out.println(journalFile);
        System.out.println(otherFile);
        System.out.flush();
        Thread.sleep(120_000);
      }
    }
  }
}
