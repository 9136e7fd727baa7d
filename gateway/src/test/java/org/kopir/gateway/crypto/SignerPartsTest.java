package org.kopir.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.testsupport.MutableClock;

/** What a credential's signatures repeat is built once; the signing time still names the second. */
class SignerPartsTest {

  @TempDir Path temp;

  private SigningCredential kz;

  @BeforeEach
  void setUp() {
    kz = new DevPkiFixture(temp.resolve("pki")).material("kz").signing();
  }

  @Test
  void theSameCredentialKeepsItsPartsAndAnotherGetsItsOwn() throws Exception {
    SignerParts parts = SignerParts.of(kz, null);
    SigningCredential sameCertificates = new SigningCredential(kz.privateKey(), kz.chain());

    assertThat(SignerParts.of(kz, parts)).isSameAs(parts);
    assertThat(SignerParts.of(sameCertificates, parts)).isNotSameAs(parts);
    assertThat(parts.signer().getEncoded()).isEqualTo(kz.certificate().getEncoded());
    assertThat(parts.chain().getMatches(null)).hasSize(kz.chain().size());
  }

  @Test
  void signingCertificateV2NamesTheCredentialsCertificate() throws Exception {
    AttributeTable attributes =
        SignerParts.of(kz, null).signedAttributes(new MutableClock(Instant.now()));

    SigningCertificateV2 named =
        SigningCertificateV2.getInstance(
            attributes
                .get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)
                .getAttrValues()
                .getObjectAt(0));
    assertThat(named.getCerts()[0].getCertHash())
        .isEqualTo(Canonicalizer.sha256(kz.certificate().getEncoded()));
  }

  @Test
  void theSigningTimeIsKeptForItsSecondOnly() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:15:30.100Z"));
    SignerParts parts = SignerParts.of(kz, null);

    AttributeTable first = parts.signedAttributes(clock);
    clock.advance(Duration.ofMillis(800));
    AttributeTable sameSecond = parts.signedAttributes(clock);
    clock.advance(Duration.ofMillis(200));
    AttributeTable nextSecond = parts.signedAttributes(clock);

    assertThat(sameSecond.get(CMSAttributes.signingTime))
        .isSameAs(first.get(CMSAttributes.signingTime));
    assertThat(signingTime(first)).isEqualTo(Instant.parse("2026-12-02T10:15:30Z"));
    assertThat(signingTime(nextSecond)).isEqualTo(Instant.parse("2026-12-02T10:15:31Z"));
  }

  @Test
  void aSignatureCarriesTheTimeItWasMadeAndVerifies() {
    byte[] content = "the signed bytes".getBytes(StandardCharsets.UTF_8);
    Instant before = Instant.now().minusSeconds(1);

    VerifiedSignature verified =
        CmsSignatures.verifyDetached(content, CmsSignatures.signDetached(content, kz));

    assertThat(verified.signer()).isEqualTo(kz.certificate());
    assertThat(verified.signingTime().toInstant()).isBetween(before, Instant.now().plusSeconds(1));
  }

  private static Instant signingTime(AttributeTable attributes) throws Exception {
    return Time.getInstance(
            attributes.get(CMSAttributes.signingTime).getAttrValues().getObjectAt(0))
        .getDate()
        .toInstant();
  }
}
