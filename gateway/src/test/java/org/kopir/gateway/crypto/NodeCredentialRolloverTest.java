package org.kopir.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.testsupport.NodeCertificates;

/** Rolling kz's signing and TLS certificates over: what is checked, and what changes when. */
class NodeCredentialRolloverTest {

  @TempDir Path temp;

  private DevPkiFixture pki;
  private Path kzDir;
  private CryptoMaterial kz;
  private final List<SigningCredential> toldTls = new ArrayList<>();
  private NodeCredentialRollover rollover;

  @BeforeEach
  void setUp() {
    pki = new DevPkiFixture(temp.resolve("pki"));
    kzDir = pki.root().resolve("kz");
    kz = pki.material("kz");
    rollover =
        new NodeCredentialRollover(kz, List.of((previous, next) -> toldTls.add(next)), pki.clock);
  }

  @Test
  void renewedCertificatesFromTheSameCaSignTheNextMessageAndThePartnerAcceptsOldAndNew() {
    MessageSigner signer = new MessageSigner(kz);
    ObjectNode signedBefore = signer.signMessage(DevPkiFixture.envelope(DevPkiFixture.NOW));
    NodeCertificates.Issued renewed = NodeCertificates.renew(pki.ca("kz"), "kz", kzDir);

    NodeCredentialRollover.Reload reload = rollover.reload();

    assertThat(reload.signingChanged()).isTrue();
    assertThat(reload.tlsChanged()).isTrue();
    assertThat(kz.signing().certificate()).isEqualTo(renewed.signing().certificate());
    assertThat(kz.tls().certificate()).isEqualTo(renewed.tls().certificate());
    assertThat(toldTls)
        .extracting(SigningCredential::certificate)
        .containsExactly(renewed.tls().certificate());
    ObjectNode signedAfter = signer.signMessage(DevPkiFixture.envelope(DevPkiFixture.NOW));
    assertThat(NodeCertificates.signer(signedAfter, "envelope").getSerialNumber())
        .isEqualTo(renewed.signing().certificate().getSerialNumber());
    SignedMessageVerifier kg = pki.verifier("kg");
    assertThat(kg.verifyMessage(signedBefore).signerNode()).isEqualTo("kz");
    assertThat(kg.verifyMessage(signedAfter).signerNode()).isEqualTo("kz");
  }

  @Test
  void reloadingUnchangedFilesReplacesNothingAndTellsNoTlsEndpoint() {
    NodeCredentials before = kz.nodeCredentials();

    NodeCredentialRollover.Reload reload = rollover.reload();

    assertThat(reload.signingChanged()).isFalse();
    assertThat(reload.tlsChanged()).isFalse();
    assertThat(kz.signing().certificate()).isEqualTo(before.signing().certificate());
    assertThat(toldTls).isEmpty();
  }

  @Test
  void aKeyThatDoesNotMatchItsCertificateIsRejectedAndTheOldMaterialStays() throws IOException {
    NodeCredentials before = kz.nodeCredentials();
    NodeCertificates.renew(pki.ca("kz"), "kz", kzDir);
    Files.copy(
        pki.root().resolve("kg/node-signing.key"),
        kzDir.resolve("node-signing.key"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertRejected("/signing", "does not match");
    assertThat(kz.nodeCredentials()).isEqualTo(before);
    assertThat(toldTls).isEmpty();
  }

  @Test
  void aCertificateFromACaTheNodeDoesNotHoldIsRejected() {
    CertificateAuthority other =
        CertificateAuthority.create(
            "KZ",
            DevPkiFixture.NOW.minus(Duration.ofHours(1)),
            DevPkiFixture.NOW.plus(Duration.ofDays(30)));
    NodeCertificates.renew(other, "kz", kzDir);

    assertRejected("/signing", "not issued by this node's CA");
  }

  @Test
  void aCertificateNamingAnotherNodeIsRejected() {
    NodeCertificates.renew(pki.ca("kz"), "kg", kzDir);

    assertRejected("/signing", "does not name this node");
  }

  @Test
  void anExpiredOrNotYetValidCertificateIsRejected() {
    Instant now = DevPkiFixture.NOW;
    NodeCertificates.issue(
        pki.ca("kz"), "kz", kzDir, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
    assertRejected("/signing", "outside its validity");

    NodeCertificates.issue(
        pki.ca("kz"), "kz", kzDir, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)));
    assertRejected("/signing", "outside its validity");
  }

  @Test
  void aTlsCertificateIsNotAcceptedForSigningNorASigningCertificateForTls() {
    NodeCertificates.Issued renewed = NodeCertificates.renew(pki.ca("kz"), "kz", kzDir);
    NodeCertificates.write(kzDir, "node-signing", renewed.tls());
    assertRejected("/signing", "key usage");

    NodeCertificates.write(kzDir, "node-signing", renewed.signing());
    NodeCertificates.write(kzDir, "node-tls", renewed.signing());
    assertRejected("/tls", "serverAuth and clientAuth");
  }

  @Test
  void aRevokedCertificateIsRejected() {
    NodeCertificates.Issued renewed = NodeCertificates.renew(pki.ca("kz"), "kz", kzDir);
    CertificateAuthority ca = pki.ca("kz");
    PemFiles.writeCrl(
        kzDir.resolve("crl.pem"),
        ca.crl(
            List.of(renewed.tls().certificate()),
            DevPkiFixture.NOW.minus(Duration.ofMinutes(1)),
            DevPkiFixture.NOW.plus(Duration.ofDays(7))));

    assertRejected("/tls", "revoked");
  }

  @Test
  void unreadableFilesAreRejected() throws IOException {
    Files.writeString(
        kzDir.resolve("node-tls.key"), "not a key", StandardOpenOption.TRUNCATE_EXISTING);

    assertRejected("/files", "cannot be read");
  }

  @Test
  void aCertificateFromTheNewOwnCaIsAcceptedOnceItsCertificateIsBesideTheOld() throws Exception {
    CertificateAuthority next =
        CertificateAuthority.create(
            "KZ",
            DevPkiFixture.NOW.minus(Duration.ofHours(1)),
            DevPkiFixture.NOW.plus(Duration.ofDays(3650)));
    NodeCertificates.renew(next, "kz", kzDir);
    assertRejected("/signing", "not issued by this node's CA");

    Files.writeString(kzDir.resolve("ca.crt"), pem(next.certificate()), StandardOpenOption.APPEND);
    NodeCredentialRollover.Reload reload = rollover.reload();

    assertThat(reload.signingChanged()).isTrue();
    assertThat(kz.ownCas()).hasSize(2).contains(next.certificate());
  }

  @Test
  void aDeploymentPolicyObjectionRejectsTheReload() {
    NodeCredentials before = kz.nodeCredentials();
    NodeCertificates.Issued renewed = NodeCertificates.renew(pki.ca("kz"), "kz", kzDir);
    rollover =
        new NodeCredentialRollover(
            kz,
            List.of(),
            List.of(
                certificate ->
                    certificate.equals(renewed.tls().certificate())
                        ? java.util.Optional.of("a known test certificate")
                        : java.util.Optional.empty()),
            pki.clock);

    assertRejected("/tls", "a known test certificate");
    assertThat(kz.nodeCredentials()).isEqualTo(before);
  }

  @Test
  void aTlsEndpointThatCannotTakeTheNewCertificateUndoesTheRollover() {
    NodeCredentials before = kz.nodeCredentials();
    List<SigningCredential> told = new ArrayList<>();
    NodeCredentialRollover failing =
        new NodeCredentialRollover(
            kz,
            List.of(
                (previous, tls) -> {
                  told.add(tls);
                  if (told.size() == 1) {
                    throw new IllegalStateException("connector refused the key store");
                  }
                }),
            pki.clock);
    NodeCertificates.renew(pki.ca("kz"), "kz", kzDir);

    assertThatThrownBy(failing::reload)
        .isInstanceOfSatisfying(
            KopirException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS_REJECTED));
    assertThat(kz.nodeCredentials()).isEqualTo(before);
    assertThat(told).last().isEqualTo(before.tls());
  }

  @Test
  void theHealthAndTheExpiryGaugeReportTheNewCertificates() {
    CertificatesHealthIndicator health =
        new CertificatesHealthIndicator(kz, pki.cryptoProperties(), pki.clock);
    var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    health.bindTo(registry);
    Instant notAfter = DevPkiFixture.NOW.plus(Duration.ofDays(100));
    NodeCertificates.issue(
        pki.ca("kz"), "kz", kzDir, DevPkiFixture.NOW.minus(Duration.ofDays(1)), notAfter);

    rollover.reload();

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> certificates =
        (Map<String, Map<String, Object>>) health.health().getDetails().get("certificates");
    assertThat(certificates.get("signing").get("notAfter")).isEqualTo(notAfter.toString());
    assertThat(certificates.get("tls").get("notAfter")).isEqualTo(notAfter.toString());
    assertThat(
            registry
                .get(CertificatesHealthIndicator.GAUGE)
                .tag("certificate", "tls")
                .gauge()
                .value())
        .isEqualTo(Duration.ofDays(100).toSeconds());
  }

  @Test
  void aClientContextBuiltBeforeTheRolloverPresentsTheNewTlsCertificate() throws Exception {
    SSLContext client = TlsMaterial.borderClientContext(kz, "kg", pki.clock);
    SSLContext server = TlsMaterial.borderServerContext(pki.material("kg"), pki.clock);
    BigInteger before = clientSerial(server, client);
    NodeCertificates.Issued renewed = NodeCertificates.renew(pki.ca("kz"), "kz", kzDir);

    rollover.reload();

    assertThat(before).isNotEqualTo(renewed.tls().certificate().getSerialNumber());
    assertThat(clientSerial(server, client))
        .isEqualTo(renewed.tls().certificate().getSerialNumber());
  }

  private void assertRejected(String pointer, String reason) {
    assertThatThrownBy(rollover::reload)
        .isInstanceOfSatisfying(
            KopirException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS_REJECTED);
              assertThat(e.errors()).extracting(FieldError::pointer).containsExactly(pointer);
              assertThat(e.errors().get(0).message()).contains(reason);
            });
  }

  private static String pem(X509Certificate certificate) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + java.util.Base64.getMimeEncoder(
                64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  /** Runs one handshake on a new port; the serial of the client certificate the server saw. */
  private static BigInteger clientSerial(SSLContext server, SSLContext client) throws Exception {
    try (SSLServerSocket listener =
        (SSLServerSocket)
            server
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setNeedClientAuth(true);
      CompletableFuture<BigInteger> accepted =
          CompletableFuture.supplyAsync(
              () -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                  socket.setSoTimeout(10_000);
                  socket.startHandshake();
                  BigInteger serial =
                      ((X509Certificate) socket.getSession().getPeerCertificates()[0])
                          .getSerialNumber();
                  socket.getInputStream().read();
                  return serial;
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      try (SSLSocket socket =
          (SSLSocket)
              client
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        socket.getOutputStream().write(1);
        socket.getOutputStream().flush();
        return accepted.get(15, TimeUnit.SECONDS);
      }
    }
  }
}
