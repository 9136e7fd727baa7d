package org.kopir.gateway.cli;

import org.kopir.gateway.pseudonymization.PseudonymKeyCommand;
import picocli.CommandLine.Command;

/**
 * Offline commands of the gateway jar ({@code java -jar kopir-gateway.jar <command> ...}). They
 * need no running node and no database.
 */
@Command(
    name = "kopir-gateway",
    mixinStandardHelpOptions = true,
    description = "Kopir gateway offline tools",
    subcommands = {
      DemoCommand.class,
      AuditCommand.class,
      PkiCommand.class,
      BrokerConfigCommand.class,
      PasswordHashCommand.class,
      PseudonymKeyCommand.class,
      JournalLibraryCommand.class
    })
public class KopirCommand implements Runnable {

  /** First arguments that select an offline command instead of starting a node. */
  public static boolean isOfflineCommand(String[] args) {
    return args.length > 0 && !args[0].startsWith("-");
  }

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }
}
