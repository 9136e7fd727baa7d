package org.kopir.gateway.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.crypto.DevPki;

class DevelopmentKeysTest {

  private static final Path CERTS_DEV = Path.of("certs-dev");

  @Test
  void everyCertificateAndPseudonymKeyOfCertsDevIsKnownUnderItsName() throws IOException {
    DevelopmentKeys known = DevelopmentKeys.shipped();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(CERTS_DEV)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(
                  file ->
                      file.toString().endsWith(".crt")
                          || file.getFileName().toString().equals("node-tls.pem")
                          || file.getParent().getFileName().toString().equals("pseudonym-keys"))
              .toList();
    }
    assertThat(files).hasSizeGreaterThan(10);
    for (Path file : files) {
      // node-tls.pem holds node-tls.crt's key: it is known under the certificate's name.
      String expected =
          CERTS_DEV.relativize(file).toString().replace("node-tls.pem", "node-tls.crt");
      assertThat(known.match(file))
          .as("%s in %s (regenerate it after pki generate)", file, DevelopmentKeys.RESOURCE)
          .contains(expected);
    }
  }

  @Test
  void freshlyGeneratedKeysAreNotDevelopmentKeys(@TempDir Path dir) throws Exception {
    DevPki.generate(dir, DevPki.DEMO, java.time.Instant.now(), false);
    DevelopmentKeys known = DevelopmentKeys.shipped();

    assertThat(known.match(dir.resolve("kz/node-signing.crt"))).isEmpty();
    assertThat(known.match(dir.resolve("pseudonym-keys/k1.key"))).isEmpty();
  }

  @Test
  void aCertificateIsKnownByItsKeyWhateverItsFileLooksLike(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("renamed.pem");
    Files.writeString(
        copy, "\n\n" + Files.readString(CERTS_DEV.resolve("kz/node-signing.crt")) + "\n");

    assertThat(DevelopmentKeys.shipped().match(copy)).contains("kz/node-signing.crt");
  }
}
