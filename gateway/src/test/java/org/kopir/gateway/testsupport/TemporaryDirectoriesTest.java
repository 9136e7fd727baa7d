package org.kopir.gateway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TemporaryDirectoriesTest {

  @Test
  void aSetsDirectoriesAreDeletedWithWhatTheyHoldWhenItsHookRunsAndNoOthers() throws IOException {
    TemporaryDirectories set = new TemporaryDirectories();
    Path dir = set.create("kopir-temporary-test");
    Files.createDirectories(dir.resolve("broker/journal"));
    Files.writeString(dir.resolve("broker/journal/one.amq"), "x");
    Path theJvms = TemporaryDirectories.untilExit("kopir-temporary-test");

    assertThat(dir.getFileName().toString()).startsWith("kopir-temporary-test");
    assertThat(dir.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));

    set.deleteAll();

    assertThat(dir).doesNotExist();
    assertThat(theJvms).as("another set's directory, as the JVM's shared PKI").isDirectory();
    TemporaryDirectories.delete(theJvms);
  }

  @Test
  void aDirectoryDeletedByItsOwnerIsGoneAtOnce() throws IOException {
    Path dir = TemporaryDirectories.untilExit("kopir-temporary-test");
    Files.writeString(dir.resolve("downloaded.csv"), "x");

    TemporaryDirectories.delete(dir);

    assertThat(dir).doesNotExist();
  }
}
