package org.kopir.gateway.crypto;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code certificates}: each configured certificate's {@code notAfter} and state
 * ({@code OK}, {@code EXPIRING} within {@code kopir.crypto.expiry-warning}, {@code EXPIRED}) and,
 * for the partner CRL, its next update. Expiring certificates keep the node {@code UP} with a
 * {@code warnings} list (the node still works and needs an operator, not a restart); an expired
 * certificate or an outdated partner CRL turns it {@code DOWN} because border traffic then fails.
 * Also publishes gauge {@code kopir.certificate.expiry.seconds{certificate=<label>}} (negative once
 * expired) for alerting. Both read the certificates in use, so they follow a rollover ({@link
 * NodeCredentialRollover}).
 */
@Component
public class CertificatesHealthIndicator implements HealthIndicator, MeterBinder {

  public static final String GAUGE = "kopir.certificate.expiry.seconds";

  private final CryptoMaterial material;
  private final Duration warning;
  private final Clock clock;

  @Autowired
  public CertificatesHealthIndicator(
      CryptoMaterial material, CryptoProperties properties, ObjectProvider<Clock> clock) {
    this(material, properties, clock.getIfAvailable(Clock::systemUTC));
  }

  public CertificatesHealthIndicator(
      CryptoMaterial material, CryptoProperties properties, Clock clock) {
    this.material = material;
    this.warning = properties.getExpiryWarning();
    this.clock = clock;
  }

  @Override
  public Health health() {
    Instant now = clock.instant();
    Map<String, Object> certificates = new LinkedHashMap<>();
    java.util.List<String> warnings = new java.util.ArrayList<>();
    boolean down = false;
    for (var entry : material.monitoredCertificates().entrySet()) {
      X509Certificate certificate = entry.getValue();
      Instant notAfter = certificate.getNotAfter().toInstant();
      String state = state(notAfter, now);
      if (!"OK".equals(state)) {
        warnings.add(entry.getKey() + " " + state.toLowerCase(java.util.Locale.ROOT));
      }
      down |= "EXPIRED".equals(state);
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("subject", certificate.getSubjectX500Principal().getName());
      detail.put("notAfter", notAfter.toString());
      detail.put("daysLeft", Duration.between(now, notAfter).toDays());
      detail.put("state", state);
      certificates.put(entry.getKey(), detail);
    }
    Health.Builder builder = down ? Health.down() : Health.up();
    builder.withDetail("certificates", certificates);
    Map<String, Object> crlUpdates = new LinkedHashMap<>();
    for (Map.Entry<String, PartnerTrust> partner : material.partners().entrySet()) {
      String label = "partner-crl:" + partner.getKey();
      try {
        List<String> updates = new java.util.ArrayList<>();
        for (var crl : partner.getValue().crls()) {
          var nextUpdate = crl.getNextUpdate();
          updates.add(nextUpdate == null ? "none" : nextUpdate.toInstant().toString());
          if (nextUpdate != null && nextUpdate.toInstant().isBefore(now)) {
            warnings.add(label + " outdated");
            down = true;
          }
        }
        crlUpdates.put(partner.getKey(), updates);
      } catch (IllegalStateException e) {
        warnings.add(label + " unusable");
        down = true;
      }
    }
    builder.withDetail("partnerCrlNextUpdate", crlUpdates);
    if (down) {
      builder.down();
    }
    return builder.withDetail("warnings", warnings).build();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    material
        .monitoredCertificates()
        .keySet()
        .forEach(
            label ->
                Gauge.builder(GAUGE, () -> secondsLeft(label))
                    .description("Seconds until the certificate expires")
                    .baseUnit("seconds")
                    .tag("certificate", label)
                    .register(registry));
  }

  /** Read at each scrape, so a rolled-over certificate is reported under the same label. */
  private double secondsLeft(String label) {
    X509Certificate certificate = material.monitoredCertificates().get(label);
    return certificate == null
        ? Double.NaN
        : Duration.between(clock.instant(), certificate.getNotAfter().toInstant()).toSeconds();
  }

  private String state(Instant notAfter, Instant now) {
    if (!notAfter.isAfter(now)) {
      return "EXPIRED";
    }
    return notAfter.isBefore(now.plus(warning)) ? "EXPIRING" : "OK";
  }
}
