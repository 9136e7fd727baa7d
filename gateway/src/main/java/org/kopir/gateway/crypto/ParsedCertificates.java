package org.kopir.gateway.crypto;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
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
 * carries the same few certificates, and converting them (a full X.509 parse) and building their
 * signature verifier cost more than the signature itself. Keyed by the DER encoding ({@link
 * X509CertificateHolder#equals}), so a different certificate never finds another's entry; nothing
 * here is a trust decision. Bounded: a full map is cleared (partners and their certificates are
 * few; a full map means old or hostile certificates, not a hot set).
 */
final class ParsedCertificates {

  private static final int CAPACITY = 256;

  private final Map<X509CertificateHolder, X509Certificate> certificates =
      new ConcurrentHashMap<>();
  private final Map<VerifierKey, SignerInformationVerifier> verifiers = new ConcurrentHashMap<>();

  private record VerifierKey(X509CertificateHolder certificate, EcProvider provider) {}

  X509Certificate certificate(X509CertificateHolder holder) throws CertificateException {
    X509Certificate known = certificates.get(holder);
    if (known != null) {
      return known;
    }
    X509Certificate converted = new JcaX509CertificateConverter().getCertificate(holder);
    bounded(certificates).put(holder, converted);
    return converted;
  }

  /**
   * A verifier for signatures by {@code signer}'s key: EC keys with {@code ec}'s provider, RSA with
   * Bouncy Castle (the JDK names RSA-PSS differently).
   */
  SignerInformationVerifier verifier(X509CertificateHolder signer, EcProvider ec)
      throws OperatorCreationException, CertificateException {
    VerifierKey key = new VerifierKey(signer, ec);
    SignerInformationVerifier known = verifiers.get(key);
    if (known != null) {
      return known;
    }
    boolean isEc =
        X9ObjectIdentifiers.id_ecPublicKey.equals(
            signer.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm());
    // The simple builder takes its digests from the same provider: Bouncy Castle has them, SunEC
    // does not, so the JDK's choice is left to the JCA's own provider order (SunEC for ECDSA).
    JcaSimpleSignerInfoVerifierBuilder builder = new JcaSimpleSignerInfoVerifierBuilder();
    X509Certificate certificate;
    if (!isEc || ec == EcProvider.BOUNCY_CASTLE) {
      builder.setProvider(BouncyCastle.PROVIDER);
      // The JDK's key would be converted on each verification.
      certificate = BouncyCastle.certificate(signer);
    } else {
      certificate = certificate(signer);
    }
    SignerInformationVerifier built = builder.build(certificate);
    bounded(verifiers).put(key, built);
    return built;
  }

  private static <K, V> Map<K, V> bounded(Map<K, V> map) {
    if (map.size() >= CAPACITY) {
      map.clear();
    }
    return map;
  }
}
