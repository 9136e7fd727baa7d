package org.kopir.gateway.crypto;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;

/**
 * CMS SignedData, detached, as SPEC §3: content-type, message-digest, signing-time and
 * signingCertificateV2 signed attributes, signer chain included. Verification here proves that the
 * signature is sound for the embedded signer certificate and that the signing time, when signed,
 * lies within that certificate's validity; trust in the certificate (path, key usage, revocation,
 * identity, the time of the check) is a separate decision.
 */
public final class CmsSignatures {

  private CmsSignatures() {}

  private static final ParsedCertificates PARSED = new ParsedCertificates();
  private static final Clock CLOCK = Clock.systemUTC();
  private static final DigestCalculatorProvider DIGESTS = digests();

  /** The parts of the credential signed with last ({@link SignerParts}). */
  private static volatile SignerParts lastSigner;

  private static DigestCalculatorProvider digests() {
    try {
      return new JcaDigestCalculatorProviderBuilder().build();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("no digest calculators", e);
    }
  }

  /** DER-encoded detached CMS SignedData over {@code content}, ECDSA by the default provider. */
  public static byte[] signDetached(byte[] content, SigningCredential credential) {
    return signDetached(content, credential, EcProvider.DEFAULT);
  }

  /** DER-encoded detached CMS SignedData over {@code content}; an EC key signs with {@code ec}. */
  public static byte[] signDetached(byte[] content, SigningCredential credential, EcProvider ec) {
    try {
      SignerParts parts = SignerParts.of(credential, lastSigner);
      lastSigner = parts;
      var signerInfo =
          new JcaSignerInfoGeneratorBuilder(DIGESTS)
              .setSignedAttributeGenerator(
                  new DefaultSignedAttributeTableGenerator(parts.signedAttributes(CLOCK)))
              .build(
                  contentSigner(credential.signatureAlgorithm(), ec)
                      .build(ec.signingKey(credential.privateKey())),
                  parts.signer());
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(signerInfo);
      generator.addCertificates(parts.chain());
      return generator.generate(new CMSProcessableByteArray(content), false).getEncoded("DER");
    } catch (OperatorCreationException
        | CMSException
        | CertificateEncodingException
        | IOException e) {
      throw new IllegalStateException("CMS signing failed", e);
    }
  }

  /**
   * ECDSA with the chosen provider ({@link EcProvider}: which is faster depends on the CPU); RSA
   * with Bouncy Castle, whose PSS variant the JDK names differently.
   */
  private static JcaContentSignerBuilder contentSigner(String algorithm, EcProvider ec) {
    return new JcaContentSignerBuilder(algorithm)
        .setProvider(algorithm.endsWith("ECDSA") ? ec.provider() : BouncyCastle.PROVIDER);
  }

  /**
   * Checks that {@code signature} is a detached SignedData with exactly one signer whose signature
   * over {@code content} is valid and whose certificate, when a signing time is signed, was valid
   * at that time.
   *
   * @throws SignerCertificateNotValidException when the signing time lies outside the signer
   *     certificate's validity
   * @throws SignatureCheckException when it is not a valid signature
   */
  public static VerifiedSignature verifyDetached(byte[] content, byte[] signature) {
    return verifyDetached(content, signature, EcProvider.DEFAULT);
  }

  /**
   * As {@link #verifyDetached(byte[], byte[])}, an EC signature verified with {@code ec}'s
   * provider. Certificates that came with the signature are converted once ({@link
   * ParsedCertificates}).
   */
  public static VerifiedSignature verifyDetached(byte[] content, byte[] signature, EcProvider ec) {
    if (Asn1Nesting.tooDeep(signature)) {
      throw new SignatureCheckException(
          "signature nests deeper than " + Asn1Nesting.MAX_DEPTH + " levels or is malformed");
    }
    try {
      CMSSignedData signedData = new CMSSignedData(new CMSProcessableByteArray(content), signature);
      Collection<SignerInformation> signers = signedData.getSignerInfos().getSigners();
      if (signers.size() != 1) {
        throw new SignatureCheckException("expected exactly one signer, found " + signers.size());
      }
      SignerInformation signerInfo = signers.iterator().next();
      Store<X509CertificateHolder> certificates = signedData.getCertificates();
      Collection<X509CertificateHolder> matches = certificates.getMatches(signerInfo.getSID());
      if (matches.isEmpty()) {
        throw new SignatureCheckException("signer certificate not included");
      }
      X509CertificateHolder signerHolder = matches.iterator().next();
      ParsedCertificates.Parsed signer = PARSED.of(signerHolder);
      // Before the signature itself, as Bouncy Castle checks it for a verifier that carries the
      // certificate: an expired signer is reported as such even when its signature is also bad.
      Date signedAt = signingTime(signerInfo);
      if (signedAt != null && !signer.validAt(signedAt)) {
        throw new SignerCertificateNotValidException();
      }
      if (!signerInfo.verify(signer.verifier(ec))) {
        throw new SignatureCheckException("signature does not match content");
      }
      requireSigningCertificateMatches(signerInfo, signer);
      List<X509Certificate> included = new ArrayList<>();
      Collection<X509CertificateHolder> all = certificates.getMatches(null);
      for (X509CertificateHolder holder : all) {
        // The store hands out the same holder for the signer, which is converted already.
        included.add(
            holder == signerHolder ? signer.certificate() : PARSED.of(holder).certificate());
      }
      return new VerifiedSignature(signer.certificate(), included, signedAt);
    } catch (CMSException | OperatorCreationException | CertificateException | IOException e) {
      throw new SignatureCheckException(
          "signature is not a valid CMS SignedData: " + e.getMessage());
    } catch (RuntimeException e) {
      if (e instanceof SignatureCheckException known) {
        throw known;
      }
      throw new SignatureCheckException("signature could not be parsed");
    }
  }

  /**
   * signingCertificateV2 (RFC 5035), or the SHA-1 signingCertificate of RFC 2634, binds the
   * signature to one certificate. Either is optional on receipt (OpenSSL adds one only with {@code
   * -cades}); when present it must name the certificate that verified the signature.
   */
  private static void requireSigningCertificateMatches(
      SignerInformation signerInfo, ParsedCertificates.Parsed signer) throws IOException {
    AttributeTable attributes = signerInfo.getSignedAttributes();
    if (attributes == null) {
      throw new SignatureCheckException("signed attributes are missing");
    }
    Attribute v2 = attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
    if (v2 != null) {
      ESSCertIDv2 first =
          SigningCertificateV2.getInstance(v2.getAttrValues().getObjectAt(0)).getCerts()[0];
      String algorithm = first.getHashAlgorithm().getAlgorithm().getId();
      if (!hashMatches(signer, algorithm, first.getCertHash())) {
        throw new SignatureCheckException("signingCertificateV2 names another certificate");
      }
    }
    Attribute v1 = attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificate);
    if (v1 != null) {
      org.bouncycastle.asn1.ess.ESSCertID first =
          org.bouncycastle.asn1.ess.SigningCertificate.getInstance(
                  v1.getAttrValues().getObjectAt(0))
              .getCerts()[0];
      if (!hashMatches(signer, "1.3.14.3.2.26", first.getCertHash())) {
        throw new SignatureCheckException("signingCertificate names another certificate");
      }
    }
  }

  private static boolean hashMatches(
      ParsedCertificates.Parsed signer, String algorithmOid, byte[] hash) throws IOException {
    try {
      return signer.hashMatches(algorithmOid, hash);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new SignatureCheckException("unsupported certificate hash algorithm " + algorithmOid);
    }
  }

  private static Date signingTime(SignerInformation signerInfo) {
    AttributeTable attributes = signerInfo.getSignedAttributes();
    if (attributes == null || attributes.get(CMSAttributes.signingTime) == null) {
      return null;
    }
    return SigningTimes.of(
        Time.getInstance(attributes.get(CMSAttributes.signingTime).getAttrValues().getObjectAt(0)));
  }
}
