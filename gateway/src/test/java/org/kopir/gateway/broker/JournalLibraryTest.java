package org.kopir.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's native journal library, written where a launcher points a node's library path. */
class JournalLibraryTest {

  @TempDir Path dir;

  private static byte[] libraryInTheJar() throws Exception {
    try (InputStream in =
        JournalLibrary.class
            .getClassLoader()
            .getResourceAsStream("lib/linux-x86_64/" + JournalLibrary.FILE_NAME)) {
      assertThat(in).as("activemq-artemis-native on the class path").isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void writesTheJarsLibraryAndTheOptionsThatLoadIt() throws Exception {
    Path library = dir.resolve("native");

    assertThat(JournalLibrary.jvmOptions(library))
        .containsExactly(
            "-Djava.library.path=" + library.toAbsolutePath(),
            "--enable-native-access=ALL-UNNAMED");
    assertThat(Files.readAllBytes(library.resolve(JournalLibrary.FILE_NAME)))
        .isEqualTo(libraryInTheJar());
    try (var files = Files.list(library)) {
      assertThat(files.toList()).containsExactly(library.resolve(JournalLibrary.FILE_NAME));
    }
  }

  @Test
  void leavesTheSameLibraryAloneAndReplacesAnother() throws Exception {
    Path file = dir.resolve(JournalLibrary.FILE_NAME);
    assertThat(JournalLibrary.writeTo(dir)).isTrue();
    FileTime written = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(file, written);

    assertThat(JournalLibrary.writeTo(dir)).isTrue();
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);

    Files.write(file, new byte[] {1, 2, 3});
    assertThat(JournalLibrary.writeTo(dir)).isTrue();
    assertThat(Files.readAllBytes(file)).isEqualTo(libraryInTheJar());
  }
}
