package org.kopir.gateway.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.crypto.DevPki;

class DevelopmentKeysTest {

  private static final Path CERTS_DEV = Path.of("certs-dev");

  /**
   * The files of certs-dev/ the list covers, by their path relative to it: every certificate, the
   * {@code node-tls.pem} bundles and every pseudonym key ({@code
   * pseudonym-keys/<a>-<b>/<kid>.key}).
   */
  private static List<Path> developmentKeyFiles() throws IOException {
    Path pseudonymKeys = CERTS_DEV.resolve("pseudonym-keys");
    try (Stream<Path> walk = Files.walk(CERTS_DEV)) {
      return walk.filter(Files::isRegularFile)
          .filter(
              file ->
                  file.toString().endsWith(".crt")
                      || file.getFileName().toString().equals("node-tls.pem")
                      || (file.startsWith(pseudonymKeys)
                          && file.getFileName().toString().endsWith(".key")))
          .sorted()
          .toList();
    }
  }

  /** The list's line for {@code file}, in the form the list keeps. */
  private static String line(Path file) {
    String kind = file.toString().endsWith(".key") ? "file" : "public-key";
    return DevelopmentKeys.digestOf(file)
        + " "
        + kind
        + " "
        + CERTS_DEV.relativize(file).toString().replace('\\', '/');
  }

  @Test
  void everyCertificateAndPseudonymKeyOfCertsDevIsKnownUnderItsName() throws IOException {
    DevelopmentKeys known = DevelopmentKeys.shipped();
    List<Path> files = developmentKeyFiles();
    assertThat(files).hasSizeGreaterThan(10);
    for (Path file : files) {
      // node-tls.pem holds node-tls.crt's key: it is known under the certificate's name.
      String expected =
          CERTS_DEV.relativize(file).toString().replace("node-tls.pem", "node-tls.crt");
      assertThat(known.match(file))
          .as(
              "%s in %s (regenerate it after pki generate): %s",
              file, DevelopmentKeys.RESOURCE, line(file))
          .contains(expected);
    }
  }

  @Test
  void theListIsExactlyTheFilesOfCertsDev() throws IOException {
    List<String> listed;
    try (InputStream in =
        DevelopmentKeysTest.class.getClassLoader().getResourceAsStream(DevelopmentKeys.RESOURCE)) {
      assertThat(in).isNotNull();
      listed =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .map(String::strip)
              .filter(entry -> !entry.isEmpty() && !entry.startsWith("#"))
              .toList();
    }
    List<String> expected = developmentKeyFiles().stream().map(DevelopmentKeysTest::line).toList();

    // One line per file, in path order: with pki generate, replace the list by these lines.
    assertThat(listed)
        .as(
            "%s against certs-dev/; expected lines:%n%s",
            DevelopmentKeys.RESOURCE, String.join("\n", expected))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void theListKnowsEveryDevelopmentNodeAndPartnership() throws IOException {
    DevelopmentKeys known = DevelopmentKeys.shipped();
    for (DevPki.NodeSpec node : DevPki.DEMO) {
      Path dir = CERTS_DEV.resolve(node.node());
      assertThat(known.match(dir.resolve("node-signing.crt")))
          .contains(node.node() + "/node-signing.crt");
      for (String agency : node.agencies()) {
        assertThat(known.match(dir.resolve("agencies/" + agency + "-encryption.crt")))
            .contains(node.node() + "/agencies/" + agency + "-encryption.crt");
      }
    }
    for (String pair : List.of("kg-kz", "kg-tj", "kz-tj")) {
      assertThat(known.match(CERTS_DEV.resolve("pseudonym-keys/" + pair + "/k1.key")))
          .contains("pseudonym-keys/" + pair + "/k1.key");
    }
  }

  @Test
  void freshlyGeneratedKeysAreNotDevelopmentKeys(@TempDir Path dir) throws Exception {
    DevPki.generate(dir, DevPki.DEMO, java.time.Instant.now(), false);
    DevelopmentKeys known = DevelopmentKeys.shipped();

    assertThat(known.match(dir.resolve("kz/node-signing.crt"))).isEmpty();
    assertThat(known.match(dir.resolve("tj/node-signing.crt"))).isEmpty();
    assertThat(known.match(dir.resolve("pseudonym-keys/kg-kz/k1.key"))).isEmpty();
    assertThat(known.match(dir.resolve("pseudonym-keys/kz-tj/k1.key"))).isEmpty();
  }

  @Test
  void aCertificateIsKnownByItsKeyWhateverItsFileLooksLike(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("renamed.pem");
    Files.writeString(
        copy, "\n\n" + Files.readString(CERTS_DEV.resolve("kz/node-signing.crt")) + "\n");

    assertThat(DevelopmentKeys.shipped().match(copy)).contains("kz/node-signing.crt");
  }
}
