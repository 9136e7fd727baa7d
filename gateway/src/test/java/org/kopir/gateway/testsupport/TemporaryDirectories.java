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

  private static final TemporaryDirectories UNTIL_EXIT = new TemporaryDirectories();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(UNTIL_EXIT::deleteAll, "kopir-test-temporary-directories"));
  }

  private final Set<Path> created = ConcurrentHashMap.newKeySet();

  /** A set of its own, for the test of this class; the tests use the static methods. */
  TemporaryDirectories() {}

  /** A new directory in the system's temporary directory, deleted when this JVM exits. */
  public static Path untilExit(String prefix) {
    return UNTIL_EXIT.create(prefix);
  }

  /** Deletes {@code dir} and what it holds now; a file that cannot be deleted is left. */
  public static void delete(Path dir) {
    UNTIL_EXIT.remove(dir);
  }

  /** A new directory in the system's temporary directory, kept in this set. */
  Path create(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      created.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code dir}, one of this set's, and what it holds. */
  void remove(Path dir) {
    try {
      FileSystemUtils.deleteRecursively(dir);
      created.remove(dir);
    } catch (IOException e) {
      // left for the deletion at exit
    }
  }

  /** Deletes every directory of this set: what the shutdown hook does with the JVM's. */
  void deleteAll() {
    for (Path dir : Set.copyOf(created)) {
      remove(dir);
    }
  }
}
