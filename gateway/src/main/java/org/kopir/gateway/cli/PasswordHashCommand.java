package org.kopir.gateway.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code password-hash}: reads a password (from the terminal without echo, or the first line of
 * standard input) and prints its {@code {bcrypt}} hash for {@code kopir.security.users-file} or a
 * {@code kopir.security.users[n].password} setting. The password is never an argument, so it stays
 * out of the shell history and the process list.
 */
@Command(
    name = "password-hash",
    mixinStandardHelpOptions = true,
    description = "Print the {bcrypt} hash of a password read from the terminal or standard input")
public class PasswordHashCommand implements Callable<Integer> {

  @Option(names = "--strength", defaultValue = "12", description = "bcrypt cost (4 to 31)")
  int strength;

  /**
   * Whether the console is an interactive terminal: from JDK 22 on a console exists even when
   * standard input is a pipe, and only {@code Console.isTerminal()} tells.
   */
  private static boolean isTerminal(Console console) {
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException olderJdk) {
      return true;
    }
  }

  @Override
  public Integer call() throws IOException {
    String password;
    Console console = System.console();
    if (isTerminal(console)) {
      char[] typed = console.readPassword("Password: ");
      password = typed == null ? null : new String(typed);
    } else {
      password =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
    if (password == null || password.isEmpty()) {
      System.err.println("no password given");
      return 2;
    }
    if (password.length() < 12) {
      System.err.println("a password needs at least 12 characters");
      return 2;
    }
    System.out.println("{bcrypt}" + new BCryptPasswordEncoder(strength).encode(password));
    return 0;
  }
}
