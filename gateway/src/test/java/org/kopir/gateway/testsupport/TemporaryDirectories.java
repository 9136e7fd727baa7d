package org.kopir.gateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.util.FileSystemUtils;

/**
 * Temporary directories for what lives as long as the test JVM (a PKI generated once, a route-test
 * node's data, a fuzz target's files), deleted when the JVM exits, so that a machine that runs the
 * tests again and again does not collect them. A directory with a shorter life is deleted by its
 * owner ({@link #delete(Path)}) or is a JUnit {@code @TempDir}.
 */
public final class TemporaryDirectories {

  private static final Set<Path> UNTIL_EXIT = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(TemporaryDirectories::deleteAll, "kopir-test-temporary-directories"));
  }

  private TemporaryDirectories() {}

  /** A new directory in the system's temporary directory, deleted when this JVM exits. */
  public static Path untilExit(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      UNTIL_EXIT.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code dir} and what it holds now; a file that cannot be deleted is left. */
  public static void delete(Path dir) {
    try {
      FileSystemUtils.deleteRecursively(dir);
      UNTIL_EXIT.remove(dir);
    } catch (IOException e) {
      // left for the deletion at exit
    }
  }

  /** What the shutdown hook does; package-private for its test. */
  static void deleteAll() {
    for (Path dir : Set.copyOf(UNTIL_EXIT)) {
      delete(dir);
    }
  }
}
