package org.kopir.gateway.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.crypto.DevPki;
import org.kopir.gateway.crypto.PemFiles;

class DevelopmentCertificatesTest {

  @TempDir Path temp;

  private final DevelopmentCertificates policy = new DevelopmentCertificates();

  @Test
  void aReloadInProductionObjectsToTheCommittedDevelopmentCertificates() {
    assertThat(policy.objection(PemFiles.readCertificate(Path.of("certs-dev/kz/node-signing.crt"))))
        .hasValueSatisfying(reason -> assertThat(reason).contains("certs-dev/"));
    assertThat(policy.objection(PemFiles.readCertificate(Path.of("certs-dev/kz/ca.crt"))))
        .isPresent();
  }

  @Test
  void aNewlyIssuedCertificateRaisesNoObjection() {
    DevPki.generate(temp, DevPki.nodes(List.of("kz", "kg")), Instant.now(), false);

    assertThat(policy.objection(PemFiles.readCertificate(temp.resolve("kz/node-tls.crt"))))
        .isEmpty();
  }
}
