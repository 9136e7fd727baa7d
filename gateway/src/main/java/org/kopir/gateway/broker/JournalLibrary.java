package org.kopir.gateway.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Artemis's native library for the asynchronous I/O journal ({@code libartemis-native-64.so},
 * inside the jar's {@code activemq-artemis-native} library). The JDK loads it only from a directory
 * named by {@code -Djava.library.path} when the JVM starts, so a launcher first writes it to a
 * directory and then starts the node with {@link #jvmOptions}: the demo, {@code deploy/kopir start}
 * (through the {@code journal-library} command) and the tests' node processes do. A node started
 * without it runs the NIO journal (docs/operations.md, "Broker journal").
 */
public final class JournalLibrary {

  /** The library's file name, as {@code System.loadLibrary("artemis-native-64")} looks for it. */
  public static final String FILE_NAME = "libartemis-native-64.so";

  private static final String RESOURCE = "lib/linux-x86_64/" + FILE_NAME;

  private JournalLibrary() {}

  /**
   * Writes the library into {@code directory} unless the same bytes are already there; false on a
   * platform it is not built for (only Linux on x86-64) or when the jar does not hold it.
   */
  public static synchronized boolean writeTo(Path directory) {
    if (!isLinuxX86_64()) {
      return false;
    }
    try (InputStream in = JournalLibrary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return false;
      }
      byte[] library = in.readAllBytes();
      Path target = directory.resolve(FILE_NAME);
      if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), library)) {
        return true;
      }
      Files.createDirectories(directory);
      // Written beside and moved into place, so that a node starting meanwhile never loads half.
      Path partial = Files.createTempFile(directory, FILE_NAME, ".partial");
      Files.write(partial, library);
      Files.move(
          partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + FILE_NAME + " to " + directory, e);
    }
  }

  /**
   * The JVM options that let a node load the library from {@code directory}, after writing it
   * there; none where {@link #writeTo} cannot. Native access is granted so that the JDK does not
   * warn when Artemis loads it.
   */
  public static List<String> jvmOptions(Path directory) {
    if (!writeTo(directory)) {
      return List.of();
    }
    return List.of(
        "-Djava.library.path=" + directory.toAbsolutePath(), "--enable-native-access=ALL-UNNAMED");
  }

  private static boolean isLinuxX86_64() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
  }
}
