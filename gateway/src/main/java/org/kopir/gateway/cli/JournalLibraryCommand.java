package org.kopir.gateway.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kopir.gateway.broker.JournalLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code journal-library <directory>}: writes Artemis's native journal library into the directory
 * and prints the JVM options that let a node load it, for a launcher to add ({@code deploy/kopir
 * start} does). Prints nothing where the library does not exist for the platform; the node then
 * runs the NIO journal.
 */
@Command(
    name = "journal-library",
    mixinStandardHelpOptions = true,
    description =
        "Write the broker's native journal library into a directory and print the JVM options"
            + " that load it")
public class JournalLibraryCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "Directory for libartemis-native-64.so")
  Path directory;

  @Override
  public Integer call() {
    System.out.println(String.join(" ", JournalLibrary.jvmOptions(directory)));
    return 0;
  }
}
