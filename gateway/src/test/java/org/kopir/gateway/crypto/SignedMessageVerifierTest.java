package org.kopir.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;

class SignedMessageVerifierTest {

  @TempDir Path temp;

  private DevPkiFixture pki;
  private SignedMessageVerifier kgVerifier;

  @BeforeEach
  void setUp() {
    pki = new DevPkiFixture(temp.resolve("pki"));
    kgVerifier = pki.verifier("kg");
  }

  @Test
  void acceptsAMessageSignedByThePartnerNodeAndReturnsItsDigest() {
    ObjectNode envelope = DevPkiFixture.envelope(DevPkiFixture.NOW.minusSeconds(30));
    ObjectNode signed = pki.signer("kz").signMessage(envelope);

    VerifiedMessage verified = kgVerifier.verifyMessage(signed);

    assertThat(verified.envelope()).isEqualTo(envelope);
    assertThat(verified.signerSubject()).isEqualTo("CN=kopir-node-kz,OU=node,O=Kopir,C=KZ");
    assertThat(verified.messageDigest()).isEqualTo(Canonicalizer.digestHex(envelope));
    assertThat(verified.signingTime()).isNotNull();
    assertThat(signed.path("signature").path("format").asText()).isEqualTo("cms-detached-v1");
  }

  @Test
  void aMessageSignedWithItsDigestVerifiesWithThatDigest() {
    ObjectNode envelope = DevPkiFixture.envelope(DevPkiFixture.NOW.minusSeconds(30));
    MessageSigner.SignedMessage message = pki.signer("kz").signMessageWithDigest(envelope);

    VerifiedMessage verified = kgVerifier.verifyMessage(message.signed());

    assertThat(message.signed().get("envelope")).isSameAs(envelope);
    assertThat(message.envelopeDigest())
        .isEqualTo(MessageSigner.digest(envelope))
        .isEqualTo(verified.messageDigest());
  }

  @Test
  void refusesAnEnvelopeWithOneChangedCharacter() {
    ObjectNode signed = pki.signer("kz").signMessage(freshEnvelope());
    ((ObjectNode) signed.at("/envelope/header")).put("priority", "higi");

    assertRefused(signed, ErrorCode.BAD_SIGNATURE);
  }

  @Test
  void refusesASignatureWithOneChangedByte() {
    ObjectNode signed = pki.signer("kz").signMessage(freshEnvelope());
    byte[] der = Base64.getDecoder().decode(signed.at("/signature/value").asText());
    der[der.length - 5] ^= 0x01;
    ((ObjectNode) signed.get("signature"))
        .set("value", new TextNode(Base64.getEncoder().encodeToString(der)));

    assertRefused(signed, ErrorCode.BAD_SIGNATURE);
  }

  @Test
  void refusesUnsignedMembersBesideTheSignedEnvelope() {
    ObjectNode signed = pki.signer("kz").signMessage(freshEnvelope());
    signed.put("note", "unsigned");

    assertRefused(signed, ErrorCode.BAD_SIGNATURE);
  }

  @Test
  void refusesAnUnknownSignatureFormat() {
    ObjectNode signed = pki.signer("kz").signMessage(freshEnvelope());
    ((ObjectNode) signed.get("signature")).put("format", "jws");

    assertRefused(signed, ErrorCode.BAD_SIGNATURE);
  }

  @Test
  void refusesANodeCertificateFromAnotherCaWithTheSameName(@TempDir Path other) {
    DevPkiFixture impostor = new DevPkiFixture(other.resolve("pki"));
    ObjectNode signed = impostor.signer("kz").signMessage(freshEnvelope());

    assertRefused(signed, ErrorCode.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void refusesAnExpiredNodeCertificate() {
    KeyAndCertificate expired =
        pki.ca("kz")
            .issue(
                CertificateProfile.NODE_SIGNING,
                "kopir-node-kz",
                List.of(),
                DevPkiFixture.NOW.minus(Duration.ofDays(400)),
                DevPkiFixture.NOW.minus(Duration.ofDays(1)));
    ObjectNode signed =
        new MessageSigner(DevPkiFixture.credential(expired), DevPkiFixture.credential(expired))
            .signMessage(freshEnvelope());

    assertRefused(signed, ErrorCode.CERTIFICATE_EXPIRED);
  }

  @Test
  void refusesARevokedNodeCertificateOnceThePartnerCrlListsIt() {
    ObjectNode signed = pki.signer("kz").signMessage(freshEnvelope());
    assertThat(kgVerifier.verifyMessage(signed).envelope()).isNotNull();

    CertificateAuthority kzCa = pki.ca("kz");
    var revoked = PemFiles.readCertificate(pki.root.resolve("kz/node-signing.crt"));
    PemFiles.writeCrl(
        pki.root.resolve("kz/crl.pem"),
        kzCa.crl(
            List.of(revoked),
            DevPkiFixture.NOW.minusSeconds(60),
            DevPkiFixture.NOW.plus(Duration.ofDays(30))));
    touchLater(pki.root.resolve("kz/crl.pem"));

    assertRefused(signed, ErrorCode.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void refusesEverythingWhenThePartnerCrlIsOutdated() {
    CertificateAuthority kzCa = pki.ca("kz");
    PemFiles.writeCrl(
        pki.root.resolve("kz/crl.pem"),
        kzCa.crl(
            List.of(),
            DevPkiFixture.NOW.minus(Duration.ofDays(10)),
            DevPkiFixture.NOW.minus(Duration.ofDays(1))));
    touchLater(pki.root.resolve("kz/crl.pem"));

    assertRefused(pki.signer("kz").signMessage(freshEnvelope()), ErrorCode.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void refusesAMessageSignedWithAnAgencyKey() {
    SigningCredential agency =
        PemFiles.readCredential(
            pki.root.resolve("kz/agencies/kz-cpc.key"), pki.root.resolve("kz/agencies/kz-cpc.crt"));
    ObjectNode signed = new MessageSigner(agency, agency).signMessage(freshEnvelope());

    assertRefused(signed, ErrorCode.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void refusesAnAgencyCertificateEvenWithSigningKeyUsage() {
    KeyAndCertificate agencySigner =
        pki.ca("kz")
            .issue(
                CertificateProfile.NODE_SIGNING,
                "kz-cpc",
                List.of(),
                DevPkiFixture.NOW.minus(Duration.ofDays(1)),
                DevPkiFixture.NOW.plus(Duration.ofDays(30)));
    SigningCredential credential = DevPkiFixture.credential(agencySigner);

    assertRefused(
        new MessageSigner(credential, credential).signMessage(freshEnvelope()),
        ErrorCode.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void refusesAMessageSignedWithTheNodeAuditOrTlsKey() {
    SigningCredential audit =
        PemFiles.readCredential(
            pki.root.resolve("kz/node-audit.key"), pki.root.resolve("kz/node-audit.crt"));
    SigningCredential tls =
        PemFiles.readCredential(
            pki.root.resolve("kz/node-tls.key"), pki.root.resolve("kz/node-tls.crt"));

    assertRefused(
        new MessageSigner(audit, audit).signMessage(freshEnvelope()),
        ErrorCode.UNTRUSTED_CERTIFICATE);
    assertRefused(
        new MessageSigner(tls, tls).signMessage(freshEnvelope()), ErrorCode.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void refusesAMessageForAnotherNode() {
    ObjectNode envelope = freshEnvelope();
    ((ObjectNode) envelope.at("/header/recipient")).put("country", "UZ");

    assertRefused(pki.signer("kz").signMessage(envelope), ErrorCode.WRONG_RECIPIENT_NODE);
  }

  @Test
  void refusesAMessageTheNodeSignedForItself() {
    ObjectNode envelope = freshEnvelope();
    ((ObjectNode) envelope.at("/header/recipient")).put("country", "KZ");
    ObjectNode signed = pki.signer("kz").signMessage(envelope);

    assertThatThrownBy(() -> pki.verifier("kz").verifyMessage(signed))
        .isInstanceOfSatisfying(
            KopirException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNTRUSTED_CERTIFICATE));
  }

  @Test
  void refusesAMessageOlderThanTheReplayWindow() {
    ObjectNode envelope =
        DevPkiFixture.envelope(DevPkiFixture.NOW.minus(Duration.ofDays(7)).minusSeconds(1));

    assertRefused(pki.signer("kz").signMessage(envelope), ErrorCode.STALE_MESSAGE);
  }

  @Test
  void refusesAMessageFromTheFutureBeyondClockSkewButAcceptsOneWithin() {
    ObjectNode tooEarly =
        DevPkiFixture.envelope(DevPkiFixture.NOW.plus(Duration.ofMinutes(5)).plusSeconds(1));
    ObjectNode withinSkew = DevPkiFixture.envelope(DevPkiFixture.NOW.plus(Duration.ofMinutes(4)));

    assertRefused(pki.signer("kz").signMessage(tooEarly), ErrorCode.STALE_MESSAGE);
    assertThat(kgVerifier.verifyMessage(pki.signer("kz").signMessage(withinSkew))).isNotNull();
  }

  @Test
  void acceptsAnRsaPssSignatureFromAnRsaNodeKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    var certificate =
        pki.ca("kz")
            .issueFor(
                keys.getPublic(),
                CertificateProfile.NODE_SIGNING,
                "kopir-node-kz",
                List.of(),
                DevPkiFixture.NOW.minus(Duration.ofDays(1)),
                DevPkiFixture.NOW.plus(Duration.ofDays(30)));
    var credential =
        new SigningCredential(
            keys.getPrivate(), List.of(certificate), SignatureAlgorithm.RSA_PSS_SHA256);

    ObjectNode signed = new MessageSigner(credential, credential).signMessage(freshEnvelope());

    assertThat(kgVerifier.verifyMessage(signed).signerSubject()).contains("kopir-node-kz");
  }

  @Test
  void acceptsASignedReceiptFromThePartnerAndRefusesOneNamingAnotherNode() {
    ObjectNode receipt = DevPkiFixture.receipt("kz", DevPkiFixture.NOW);
    VerifiedReceipt verified = kgVerifier.verifyReceipt(pki.signer("kz").signReceipt(receipt));
    assertThat(verified.receipt()).isEqualTo(receipt);

    ObjectNode forged =
        pki.signer("kz").signReceipt(DevPkiFixture.receipt("kg", DevPkiFixture.NOW));
    assertThatThrownBy(() -> kgVerifier.verifyReceipt(forged))
        .isInstanceOfSatisfying(
            KopirException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNTRUSTED_CERTIFICATE));
  }

  @Test
  void refusesAReceiptWithAChangedOutcome() {
    ObjectNode signed =
        pki.signer("kz").signReceipt(DevPkiFixture.receipt("kz", DevPkiFixture.NOW));
    ((ObjectNode) signed.get("receipt")).put("outcome", "REFUSED");

    assertThatThrownBy(() -> kgVerifier.verifyReceipt(signed))
        .isInstanceOfSatisfying(
            KopirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_SIGNATURE));
  }

  private static ObjectNode freshEnvelope() {
    return DevPkiFixture.envelope(DevPkiFixture.NOW.minusSeconds(30));
  }

  private void assertRefused(ObjectNode signed, ErrorCode code) {
    assertThatThrownBy(() -> kgVerifier.verifyMessage(signed))
        .isInstanceOfSatisfying(KopirException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  /** File times can be coarse; make sure the CRL cache sees the rewrite. */
  private static void touchLater(Path file) {
    try {
      java.nio.file.Files.setLastModifiedTime(
          file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
