package org.kopir.gateway.pseudonymization;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Creates a new pseudonym key file {@code <kid>.key} (64 hex characters from a strong random
 * source), readable by its owner only, in one partnership's key directory {@code
 * <kopir.pseudonymization.key-dir>/<a>-<b>} (the two node ids sorted, e.g. {@code
 * certs-dev/pseudonym-keys/kg-kz}). The same file is then copied to that partner node only. Never
 * overwrites: replacing a key would silently break every link made under it.
 */
@Command(
    name = "pseudonym-key",
    mixinStandardHelpOptions = true,
    description =
        "Create a new 256-bit pseudonym key file <kid>.key in a partnership's key directory")
public class PseudonymKeyCommand implements Callable<Integer> {

  private static final Pattern KID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  @Option(
      names = "--dir",
      required = true,
      description =
          "The partnership's key directory, <key-dir>/<a>-<b> with the node ids sorted, e.g."
              + " certs-dev/pseudonym-keys/kg-kz")
  Path dir;

  @Option(names = "--kid", required = true, description = "Key id, e.g. k2 (lowercase, no dots)")
  String kid;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!KID.matcher(kid).matches()) {
      err.println("kid must be lowercase letters, digits, '-' or '_', without dots");
      return 2;
    }
    Files.createDirectories(dir);
    Path file = dir.resolve(kid + ".key");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    try {
      Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      err.println("a key with kid " + kid + " already exists; keys are never overwritten");
      return 1;
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
    restrictToOwner(file);
    out.println("created pseudonym key " + kid + " in " + dir);
    return 0;
  }

  private static void restrictToOwner(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
