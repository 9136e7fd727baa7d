package org.kopir.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertID;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificate;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verification of detached signatures: what is derived from a signer's certificate is kept between
 * verifications, and a signature that names another certificate is still refused afterwards.
 */
class CmsSignaturesTest {

  private static final byte[] CONTENT = "the signed bytes".getBytes(StandardCharsets.UTF_8);

  @TempDir Path temp;

  private SigningCredential kz;
  private SigningCredential kg;

  @BeforeEach
  void setUp() {
    DevPkiFixture pki = new DevPkiFixture(temp.resolve("pki"));
    kz = pki.material("kz").signing();
    kg = pki.material("kg").signing();
  }

  @Test
  void aSignatureWhoseSigningCertificateV2NamesAnotherCertificateIsRefusedAfterTheSignerWasSeen()
      throws Exception {
    CmsSignatures.verifyDetached(CONTENT, CmsSignatures.signDetached(CONTENT, kz));
    byte[] namingKg = signedWith(kz, signingCertificateV2(kg.certificate()));

    assertThatThrownBy(() -> CmsSignatures.verifyDetached(CONTENT, namingKg))
        .isInstanceOf(SignatureCheckException.class)
        .hasMessageContaining("signingCertificateV2 names another certificate");
  }

  @Test
  void aSignatureWhoseSha1SigningCertificateNamesAnotherCertificateIsRefused() throws Exception {
    byte[] namingKz = signedWith(kz, signingCertificate(kz.certificate()));
    byte[] namingKg = signedWith(kz, signingCertificate(kg.certificate()));

    assertThat(CmsSignatures.verifyDetached(CONTENT, namingKz).signer())
        .isEqualTo(kz.certificate());
    assertThatThrownBy(() -> CmsSignatures.verifyDetached(CONTENT, namingKg))
        .isInstanceOf(SignatureCheckException.class)
        .hasMessageContaining("signingCertificate names another certificate");
  }

  @Test
  void eachSignerIsCheckedAgainstItsOwnCertificateWhenSignersAlternate() {
    for (int round = 0; round < 2; round++) {
      assertThat(
              CmsSignatures.verifyDetached(CONTENT, CmsSignatures.signDetached(CONTENT, kz))
                  .signer())
          .isEqualTo(kz.certificate());
      assertThat(
              CmsSignatures.verifyDetached(CONTENT, CmsSignatures.signDetached(CONTENT, kg))
                  .signer())
          .isEqualTo(kg.certificate());
    }
  }

  @Test
  void theIncludedCertificatesAreTheSignersChain() {
    VerifiedSignature verified =
        CmsSignatures.verifyDetached(CONTENT, CmsSignatures.signDetached(CONTENT, kz));

    assertThat(verified.includedCertificates()).containsExactlyInAnyOrderElementsOf(kz.chain());
    assertThat(verified.includedCertificates()).contains(verified.signer());
  }

  @Test
  void aSignerIsValidFromTheFirstToTheLastSecondOfItsCertificateAndNotOutside() throws Exception {
    X509Certificate certificate = kz.certificate();
    Date notBefore = certificate.getNotBefore();
    Date notAfter = certificate.getNotAfter();

    assertThat(
            CmsSignatures.verifyDetached(CONTENT, signedWith(kz, signingTime(notBefore)))
                .signingTime())
        .isEqualTo(notBefore);
    assertThat(
            CmsSignatures.verifyDetached(CONTENT, signedWith(kz, signingTime(notAfter)))
                .signingTime())
        .isEqualTo(notAfter);
    byte[] early = signedWith(kz, signingTime(secondAfter(notBefore, -1)));
    byte[] late = signedWith(kz, signingTime(secondAfter(notAfter, 1)));
    assertThatThrownBy(() -> CmsSignatures.verifyDetached(CONTENT, early))
        .isInstanceOf(SignerCertificateNotValidException.class);
    assertThatThrownBy(() -> CmsSignatures.verifyDetached(CONTENT, late))
        .isInstanceOf(SignerCertificateNotValidException.class);
  }

  @Test
  void aSignatureOutsideItsSignersValidityIsReportedAsSuchEvenOverOtherContent() throws Exception {
    byte[] late = signedWith(kz, signingTime(secondAfter(kz.certificate().getNotAfter(), 1)));
    byte[] inTime = signedWith(kz, signingTime(kz.certificate().getNotAfter()));
    byte[] other = "other bytes".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> CmsSignatures.verifyDetached(other, late))
        .isInstanceOf(SignerCertificateNotValidException.class);
    assertThatThrownBy(() -> CmsSignatures.verifyDetached(other, inTime))
        .isInstanceOf(SignatureCheckException.class)
        .isNotInstanceOf(SignerCertificateNotValidException.class)
        .hasMessageContaining("does not match");
  }

  private static Attribute signingTime(Date time) {
    return new Attribute(CMSAttributes.signingTime, new DERSet(new Time(time)));
  }

  private static Date secondAfter(Date time, int seconds) {
    return new Date(time.getTime() + seconds * 1000L);
  }

  private static Attribute signingCertificateV2(X509Certificate named) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(named.getEncoded());
    return new Attribute(
        PKCSObjectIdentifiers.id_aa_signingCertificateV2,
        new DERSet(new SigningCertificateV2(new ESSCertIDv2(hash))));
  }

  private static Attribute signingCertificate(X509Certificate named) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-1").digest(named.getEncoded());
    return new Attribute(
        PKCSObjectIdentifiers.id_aa_signingCertificate,
        new DERSet(new SigningCertificate(new ESSCertID(hash))));
  }

  /** A detached signature by {@code signer} with {@code attributes} among its signed ones. */
  private static byte[] signedWith(SigningCredential signer, Attribute... attributes)
      throws Exception {
    ASN1EncodableVector vector = new ASN1EncodableVector();
    for (Attribute attribute : attributes) {
      vector.add(attribute);
    }
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
            .setSignedAttributeGenerator(
                new DefaultSignedAttributeTableGenerator(new AttributeTable(vector)))
            .build(
                new JcaContentSignerBuilder(signer.signatureAlgorithm()).build(signer.privateKey()),
                signer.certificate()));
    generator.addCertificates(new JcaCertStore(signer.chain()));
    return generator.generate(new CMSProcessableByteArray(CONTENT), false).getEncoded();
  }
}
