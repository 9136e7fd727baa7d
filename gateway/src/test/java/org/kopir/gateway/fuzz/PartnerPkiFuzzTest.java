package org.kopir.gateway.fuzz;

import static org.kopir.gateway.error.ErrorCode.CERTIFICATE_EXPIRED;
import static org.kopir.gateway.error.ErrorCode.UNTRUSTED_CERTIFICATE;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kopir.gateway.crypto.CertificateTrust;
import org.kopir.gateway.crypto.CryptoMaterial;
import org.kopir.gateway.crypto.CryptoProperties;
import org.kopir.gateway.crypto.KopirNames;
import org.kopir.gateway.crypto.PartnerTrust;
import org.kopir.gateway.crypto.PemFiles;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.testsupport.TemporaryDirectories;
import org.kopir.gateway.testsupport.TestPartners;

/**
 * Files the partner hands over: certificates (its agencies' encryption certificates, its CA) and
 * its CA's CRL, which a node reads with {@link PemFiles} and then trusts or not with {@link
 * CertificateTrust}. The CRL goes through {@link PartnerTrust#crls()}, which re-reads it while the
 * node runs whenever the file changes. Documented outcomes: the parsed value, an {@link
 * IllegalArgumentException} or {@link UncheckedIOException} from {@link PemFiles} (the node does
 * not start on such a file), an {@link IllegalStateException} for an unusable partner CRL, and
 * {@code UNTRUSTED_CERTIFICATE} or {@code CERTIFICATE_EXPIRED} from the trust decision.
 */
class PartnerPkiFuzzTest {

  private static final Set<ErrorCode> REFUSALS =
      Contract.codes(UNTRUSTED_CERTIFICATE, CERTIFICATE_EXPIRED);
  private static final Path DIR = TemporaryDirectories.untilExit("kopir-fuzz-partner");
  private static final Path CERTIFICATE_FILE = DIR.resolve("partner.crt");
  private static final Path CRL_FILE = DIR.resolve("partner-crl.pem");
  private static final AtomicLong CHANGES = new AtomicLong();
  private static CryptoMaterial material;

  static Stream<Arguments> certificates() {
    Path kg = Fixtures.pki().root().resolve("kg");
    return Stream.of(
            kg.resolve("agencies/kg-cpd-encryption.crt"),
            kg.resolve("agencies/kg-cpd.crt"),
            kg.resolve("ca.crt"),
            kg.resolve("node-signing.crt"),
            kg.resolve("crl.pem"))
        .map(Fixtures::read)
        .map(Arguments::of);
  }

  static Stream<Arguments> crls() {
    Path kg = Fixtures.pki().root().resolve("kg");
    return Stream.of(kg.resolve("crl.pem"), kg.resolve("ca.crt"))
        .map(Fixtures::read)
        .map(Arguments::of);
  }

  /** An agency encryption certificate of the partner, checked as IdentityBlockCipher.seal does. */
  @MethodSource("certificates")
  @FuzzTest
  @Timeout(value = Fixtures.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void partnerCertificate(byte[] pem) throws Exception {
    Files.write(CERTIFICATE_FILE, pem);
    CryptoMaterial kz = Fixtures.pki().kz();
    Contract.refusesOnlyWith(
        REFUSALS,
        () -> {
          List<X509Certificate> certificates;
          try {
            certificates = PemFiles.readCertificates(CERTIFICATE_FILE);
          } catch (IllegalArgumentException | UncheckedIOException refused) {
            return;
          }
          X509Certificate leaf = certificates.get(0);
          KopirNames.SubjectName.of(leaf);
          CertificateTrust.requireTrusted(
              leaf,
              certificates.subList(1, certificates.size()),
              kgTrust(kz).cas().get(0),
              kgTrust(kz).crls().get(0),
              Instant.now(),
              CertificateTrust.KEY_AGREEMENT);
        });
  }

  /** The partner CRL file replaced while the node runs, then used for a border signature. */
  @MethodSource("crls")
  @FuzzTest
  @Timeout(value = Fixtures.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void partnerCrl(byte[] pem) throws Exception {
    CryptoMaterial kz = materialReadingCrlFile();
    Files.write(CRL_FILE, pem);
    Files.setLastModifiedTime(CRL_FILE, FileTime.fromMillis(CHANGES.incrementAndGet() * 1000));
    X509Certificate signer = Fixtures.pki().kg().signing().certificate();
    Contract.refusesOnlyWith(
        REFUSALS,
        () -> {
          X509CRL crl;
          try {
            crl = kgTrust(kz).crls().get(0);
          } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            return;
          }
          CertificateTrust.requireTrusted(
              signer,
              List.of(),
              kgTrust(kz).cas().get(0),
              crl,
              Instant.now(),
              CertificateTrust.DIGITAL_SIGNATURE,
              CertificateTrust.NON_REPUDIATION);
        });
  }

  /** Node kz with its partner CRL at {@link #CRL_FILE}, started on the partner's real CRL. */
  private static synchronized CryptoMaterial materialReadingCrlFile() throws IOException {
    if (material == null) {
      Fixtures.Pki pki = Fixtures.pki();
      Files.copy(pki.root().resolve("kg/crl.pem"), CRL_FILE);
      CryptoProperties properties = pki.fixture().cryptoProperties();
      NodeProperties kz = Fixtures.node("kz");
      kz.getPartners().get("kg").setCrls(List.of(CRL_FILE));
      material = new CryptoMaterial(properties, kz, TestPartners.partners(kz));
    }
    return material;
  }

  private static PartnerTrust kgTrust(CryptoMaterial kz) {
    return kz.partner("kg").orElseThrow();
  }
}
