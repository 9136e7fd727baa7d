package org.kopir.gateway.crypto;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Certificates that came inside signatures, converted once: every message and receipt of a partner
 * carries the same few certificates, and converting them (a full X.509 parse), building their
 * signature verifier and hashing their encoding for the signingCertificate attributes cost more
 * than the signature itself. Keyed by the DER encoding ({@link X509CertificateHolder#equals}), so a
 * different certificate never finds another's entry; nothing here is a trust decision. Bounded: a
 * full map is cleared (partners and their certificates are few; a full map means old or hostile
 * certificates, not a hot set).
 */
final class ParsedCertificates {

  private static final int CAPACITY = 256;

  private final Map<X509CertificateHolder, Parsed> parsed = new ConcurrentHashMap<>();

  /** {@code holder} converted, with what is derived from it on first use; one look-up. */
  Parsed of(X509CertificateHolder holder) throws CertificateException {
    Parsed known = parsed.get(holder);
    if (known != null) {
      return known;
    }
    Parsed converted = new Parsed(holder, new JcaX509CertificateConverter().getCertificate(holder));
    if (parsed.size() >= CAPACITY) {
      parsed.clear();
    }
    parsed.put(holder, converted);
    return converted;
  }

  /** One certificate as the JDK reads it, its verifiers and the hashes of its encoding. */
  static final class Parsed {

    private final X509CertificateHolder holder;
    private final X509Certificate certificate;
    private final Map<EcProvider, SignerInformationVerifier> verifiers = new ConcurrentHashMap<>();
    private final Map<String, byte[]> hashes = new ConcurrentHashMap<>();

    private Parsed(X509CertificateHolder holder, X509Certificate certificate) {
      this.holder = holder;
      this.certificate = certificate;
    }

    X509Certificate certificate() {
      return certificate;
    }

    /**
     * Whether {@code time} lies within this certificate's validity, both ends included (as Bouncy
     * Castle's {@code X509CertificateHolder.isValidOn}): the JDK's {@link
     * X509Certificate#checkValidity(Date)} on the dates it read once.
     */
    boolean validAt(Date time) {
      try {
        certificate.checkValidity(time);
        return true;
      } catch (CertificateExpiredException | CertificateNotYetValidException outside) {
        return false;
      }
    }

    /**
     * A verifier for signatures by this certificate's key: EC keys with {@code ec}'s provider, RSA
     * with Bouncy Castle (the JDK names RSA-PSS differently). It is built on the key alone: a
     * verifier that carries the certificate has Bouncy Castle check the signing time against the
     * certificate's dates by parsing all three anew at every verification, which {@link
     * CmsSignatures} does instead with {@link #validAt}.
     */
    SignerInformationVerifier verifier(EcProvider ec)
        throws OperatorCreationException, CertificateException {
      SignerInformationVerifier known = verifiers.get(ec);
      if (known != null) {
        return known;
      }
      boolean isEc =
          X9ObjectIdentifiers.id_ecPublicKey.equals(
              holder.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm());
      // The simple builder takes its digests from the same provider: Bouncy Castle has them, SunEC
      // does not, so the JDK's choice is left to the JCA's own provider order (SunEC for ECDSA).
      JcaSimpleSignerInfoVerifierBuilder builder = new JcaSimpleSignerInfoVerifierBuilder();
      SignerInformationVerifier built;
      if (!isEc || ec == EcProvider.BOUNCY_CASTLE) {
        // The JDK's key would be converted on each verification.
        built =
            builder
                .setProvider(BouncyCastle.PROVIDER)
                .build(BouncyCastle.certificate(holder).getPublicKey());
      } else {
        built = builder.build(certificate.getPublicKey());
      }
      verifiers.put(ec, built);
      return built;
    }

    /**
     * Whether {@code hash} is the digest of this certificate's DER encoding under the hash
     * algorithm {@code algorithmOid} (as in signingCertificate and signingCertificateV2).
     *
     * @throws NoSuchAlgorithmException when no provider has that algorithm
     */
    boolean hashMatches(String algorithmOid, byte[] hash)
        throws NoSuchAlgorithmException, IOException {
      byte[] own = hashes.get(algorithmOid);
      if (own == null) {
        own = MessageDigest.getInstance(algorithmOid).digest(holder.getEncoded());
        hashes.put(algorithmOid, own);
      }
      return MessageDigest.isEqual(own, hash);
    }
  }
}
