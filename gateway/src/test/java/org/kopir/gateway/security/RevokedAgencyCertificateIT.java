package org.kopir.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.cli.KopirCommand;
import org.kopir.gateway.crypto.DevPki;
import org.kopir.gateway.crypto.PemFiles;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.TestNode;
import picocli.CommandLine;

/** An agency certificate revoked at the node's CA is refused at the local API's TLS handshake. */
class RevokedAgencyCertificateIT {

  @TempDir static Path work;
  static Path pki;
  static TestNode kz;

  @BeforeAll
  static void startWithOneAgencyRevoked() {
    pki = work.resolve("pki");
    DevPki.generate(pki, DevPki.DEMO, Instant.now(), false);
    int exit =
        new CommandLine(new KopirCommand())
            .execute(
                "pki",
                "revoke",
                "--ca-dir",
                pki.resolve("kz").toString(),
                "--cert",
                pki.resolve("kz/agencies/kz-almaty-guardianship.crt").toString());
    assertThat(exit).isZero();
    kz =
        new TestNode("kz", work.resolve("kz"))
            .set("kopir.crypto.certs-dir", pki.toString())
            .set("kopir.partners.kg.border-url", "https://127.0.0.1:1")
            .start();
  }

  @AfterAll
  static void stop() {
    if (kz != null) {
      kz.stop();
    }
  }

  @Test
  void revokedAgencyCannotConnectWhileOthersCan() {
    Path ca = pki.resolve("kz/ca.crt");
    Http revoked =
        Http.agency(
            PemFiles.readCredential(
                pki.resolve("kz/agencies/kz-almaty-guardianship.key"),
                pki.resolve("kz/agencies/kz-almaty-guardianship.crt")),
            ca);
    Http valid =
        Http.agency(
            PemFiles.readCredential(
                pki.resolve("kz/agencies/kz-cpc.key"), pki.resolve("kz/agencies/kz-cpc.crt")),
            ca);

    assertThatThrownBy(() -> revoked.get(kz.localUrl() + "/api/v1/inbox"))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(
            valid
                .postJson(kz.localUrl() + "/api/v1/messages", Envelopes.referral().toString())
                .status())
        .isEqualTo(202);
  }
}
