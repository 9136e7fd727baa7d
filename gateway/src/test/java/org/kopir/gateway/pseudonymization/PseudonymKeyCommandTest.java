package org.kopir.gateway.pseudonymization;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.cli.KopirCommand;
import picocli.CommandLine;

class PseudonymKeyCommandTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new KopirCommand())
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute(args);
  }

  @Test
  void createsAKeyTheStoreCanLoadAndPrintsNoKeyMaterial() throws IOException {
    int exit = run("pseudonym-key", "--dir", dir.toString(), "--kid", "k2");

    assertThat(exit).isZero();
    String hex = Files.readString(dir.resolve("k2.key")).strip();
    assertThat(hex).matches("[0-9a-f]{64}");
    assertThat(out.toString() + err).doesNotContain(hex);
    assertThat(new PseudonymKeyStore(dir, "k2", entry -> {}).allKids()).containsExactly("k2");
  }

  @Test
  void neverOverwritesAnExistingKey() throws IOException {
    run("pseudonym-key", "--dir", dir.toString(), "--kid", "k1");
    String first = Files.readString(dir.resolve("k1.key"));

    int exit = run("pseudonym-key", "--dir", dir.toString(), "--kid", "k1");

    assertThat(exit).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("k1.key"))).isEqualTo(first);
  }

  @Test
  void writesIntoThePartnershipDirectoryItIsGiven() throws IOException {
    Path partnership = dir.resolve("pseudonym-keys").resolve("kg-kz");

    assertThat(run("pseudonym-key", "--dir", partnership.toString(), "--kid", "k2")).isZero();

    assertThat(Files.readString(partnership.resolve("k2.key")).strip()).matches("[0-9a-f]{64}");
    assertThat(dir.resolve("pseudonym-keys/k2.key")).doesNotExist();
  }

  @Test
  void needsThePartnershipDirectory() {
    assertThat(run("pseudonym-key", "--kid", "k9")).isEqualTo(2);
    assertThat(err.toString()).contains("--dir");
    assertThat(Path.of("certs-dev/pseudonym-keys/k9.key")).doesNotExist();
  }

  @Test
  void refusesAKidThatWouldBreakThePseudonymFormat() {
    assertThat(run("pseudonym-key", "--dir", dir.toString(), "--kid", "K.1")).isEqualTo(2);
    assertThat(dir.resolve("K.1.key")).doesNotExist();
  }
}
