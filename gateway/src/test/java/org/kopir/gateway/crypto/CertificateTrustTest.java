package org.kopir.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;

/** Path validation, and that a remembered acceptance never outlives what it was based on. */
class CertificateTrustTest {

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private final CertificateAuthority ca =
      CertificateAuthority.create(
          "KZ", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
  private final X509Certificate leaf =
      ca.issue(
              CertificateProfile.NODE_SIGNING,
              "kopir-node-kz",
              List.of(),
              NOW.minus(Duration.ofDays(1)),
              NOW.plus(Duration.ofDays(90)))
          .certificate();

  @Test
  void acceptsTheSamePathAgainUnderTheSameCrl() {
    X509CRL crl = ca.crl(List.of(), NOW.minusSeconds(60), NOW.plus(Duration.ofDays(7)));

    requireTrusted(crl, NOW);
    requireTrusted(crl, NOW.plusSeconds(30));

    assertThat(CertificateTrust.rememberedPaths()).isPositive();
  }

  @Test
  void refusesAnAcceptedCertificateOnceANewCrlRevokesIt() {
    requireTrusted(ca.crl(List.of(), NOW.minusSeconds(60), NOW.plus(Duration.ofDays(7))), NOW);

    X509CRL revoking = ca.crl(List.of(leaf), NOW.minusSeconds(30), NOW.plus(Duration.ofDays(7)));

    assertRefused(revoking, NOW, ErrorCode.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void refusesAnAcceptedPathOnceItsCrlIsNoLongerCurrent() {
    X509CRL crl = ca.crl(List.of(), NOW.minusSeconds(60), NOW.plus(Duration.ofDays(7)));
    requireTrusted(crl, NOW);

    assertRefused(crl, NOW.plus(Duration.ofDays(8)), ErrorCode.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void refusesAnAcceptedPathOnceTheCertificateHasExpired() {
    X509CRL crl = ca.crl(List.of(), NOW.minusSeconds(60), NOW.plus(Duration.ofDays(200)));
    requireTrusted(crl, NOW);

    assertRefused(crl, NOW.plus(Duration.ofDays(91)), ErrorCode.CERTIFICATE_EXPIRED);
  }

  @Test
  void refusesACertificateOfAnotherCaWhateverWasAcceptedBefore() {
    X509CRL crl = ca.crl(List.of(), NOW.minusSeconds(60), NOW.plus(Duration.ofDays(7)));
    requireTrusted(crl, NOW);
    CertificateAuthority other =
        CertificateAuthority.create(
            "KZ", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
    X509Certificate foreign =
        other
            .issue(
                CertificateProfile.NODE_SIGNING,
                "kopir-node-kz",
                List.of(),
                NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(90)))
            .certificate();

    assertThatThrownBy(
            () ->
                CertificateTrust.requireTrusted(
                    foreign,
                    List.of(),
                    ca.certificate(),
                    crl,
                    NOW,
                    CertificateTrust.DIGITAL_SIGNATURE))
        .isInstanceOfSatisfying(
            KopirException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNTRUSTED_CERTIFICATE));
  }

  private void requireTrusted(X509CRL crl, Instant at) {
    CertificateTrust.requireTrusted(
        leaf, List.of(), ca.certificate(), crl, at, CertificateTrust.DIGITAL_SIGNATURE);
  }

  private void assertRefused(X509CRL crl, Instant at, ErrorCode code) {
    assertThatThrownBy(() -> requireTrusted(crl, at))
        .isInstanceOfSatisfying(KopirException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
