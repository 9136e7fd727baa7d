package org.kopir.gateway.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * SIGKILL of a child JVM (a node, a standalone broker) that also deletes the files Artemis's native
 * journal library leaves behind. That library ({@code activemq-artemis-native}) creates {@code
 * /tmp/artemisJLHandler_XXXXXX} when a broker opens its {@code ASYNCIO} journal, in {@code /tmp}
 * whatever {@code TMPDIR} says, and unlinks it only when its JVM exits in order; a killed broker
 * leaves it, and a machine that runs the crash and failover tests again and again would collect
 * them. The files the process holds open are read from {@code /proc} before the kill and deleted
 * once the process is gone. (Both kinds of child JVM run {@code java} itself: {@code bin/artemis
 * run} execs it.)
 */
public final class ForcedKill {

  /** The name Artemis's native library gives its file, up to the random part. */
  static final String NATIVE_JOURNAL_FILE = "artemisJLHandler_";

  private ForcedKill() {}

  /** Kills {@code process} with SIGKILL, waits for it, then deletes its native journal files. */
  public static void kill(Process process) {
    List<Path> left = nativeJournalFiles(process.toHandle());
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    for (Path file : left) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // left where it is: a leftover file is not a failure of the test that killed the process
      }
    }
  }

  /**
   * Kills {@code process} as {@link #kill} does when this JVM exits, if it is still running then: a
   * test JVM that ends without closing its nodes and brokers does not leave them running, nor their
   * files behind.
   */
  public static void atJvmExit(Process process) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (process.isAlive()) {
                    kill(process);
                  }
                },
                "kopir-test-forced-kill"));
  }

  /** The native journal files that {@code process} holds open now. */
  static List<Path> nativeJournalFiles(ProcessHandle process) {
    List<Path> files = openFiles(process.pid());
    files.removeIf(file -> !file.getFileName().toString().startsWith(NATIVE_JOURNAL_FILE));
    return files;
  }

  private static List<Path> openFiles(long pid) {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      descriptors.forEach(
          descriptor -> {
            try {
              files.add(Files.readSymbolicLink(descriptor));
            } catch (IOException e) {
              // closed since it was listed
            }
          });
    } catch (IOException e) {
      // no /proc (not Linux) or the process is gone: nothing to read
    }
    return files;
  }
}
