package org.kopir.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class CertificatesHealthIndicatorTest {

  @TempDir Path temp;

  @Test
  void reportsEveryCertificateAsOkWhenFarFromExpiry() {
    DevPkiFixture pki = new DevPkiFixture(temp);
    Health health = indicator(pki, pki.clock).health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(certificates(health))
        .containsKeys(
            "signing",
            "audit",
            "tls",
            "own-ca",
            "partner-ca:kg",
            "partner-ca:tj",
            "agency:kz-cpc",
            "partner-agency:kg-cpd");
    assertThat(health.getDetails().get("warnings")).asList().isEmpty();
  }

  @Test
  void warnsButStaysUpWithinThirtyDaysOfExpiry() {
    DevPkiFixture pki = new DevPkiFixture(temp);
    Clock late =
        Clock.fixed(
            DevPkiFixture.NOW.plus(DevPki.LEAF_VALIDITY).minus(Duration.ofDays(10)),
            ZoneOffset.UTC);
    Health health = indicator(pki, late).health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails().get("warnings").toString()).contains("signing expiring");
    assertThat(((Map<?, ?>) certificates(health).get("signing")).get("state"))
        .isEqualTo("EXPIRING");
  }

  @Test
  void isDownOnceACertificateHasExpired() {
    DevPkiFixture pki = new DevPkiFixture(temp);
    Clock after =
        Clock.fixed(
            DevPkiFixture.NOW.plus(DevPki.LEAF_VALIDITY).plus(Duration.ofDays(1)), ZoneOffset.UTC);

    assertThat(indicator(pki, after).health().getStatus()).isEqualTo(Status.DOWN);
  }

  @Test
  void publishesSecondsUntilExpiryPerCertificate() {
    DevPkiFixture pki = new DevPkiFixture(temp);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    indicator(pki, pki.clock).bindTo(registry);

    double seconds =
        registry
            .get(CertificatesHealthIndicator.GAUGE)
            .tag("certificate", "signing")
            .gauge()
            .value();

    assertThat(seconds)
        .isBetween(
            (double) DevPki.LEAF_VALIDITY.minusHours(2).toSeconds(),
            (double) DevPki.LEAF_VALIDITY.toSeconds());
  }

  private static CertificatesHealthIndicator indicator(DevPkiFixture pki, Clock clock) {
    return new CertificatesHealthIndicator(pki.material("kz"), pki.cryptoProperties(), clock);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> certificates(Health health) {
    return (Map<String, Object>) health.getDetails().get("certificates");
  }
}
