package org.kopir.gateway.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider, passed explicitly where the JDK lacks an algorithm (CMS key agreement
 * with a KDF, AES key wrap). It is never registered globally, so TLS and everything else keep the
 * JDK providers.
 */
final class BouncyCastle {

  static final Provider PROVIDER = new BouncyCastleProvider();

  /** Few keys sign on a node (its signing and audit keys, and their successors). */
  private static final int KEY_CAPACITY = 64;

  private static final Map<PrivateKey, PrivateKey> EC_KEYS = new ConcurrentHashMap<>();

  /** Recipients of identity blocks: a node's partner agencies. */
  private static final int RECIPIENT_CAPACITY = 256;

  private static final Map<X509Certificate, EcRecipient> EC_RECIPIENTS = new ConcurrentHashMap<>();

  /**
   * An EC key agreement recipient as Bouncy Castle works with it fastest: its certificate as Bouncy
   * Castle's own object, whose public key keeps the point's precomputed multiples between
   * agreements (the JDK's key would be converted each time), and the curve of an ephemeral key pair
   * by name, so that the generator's shared table is used (the JDK key's parameters would be
   * converted to a new generator point, and its table rebuilt, for every key pair).
   */
  record EcRecipient(X509Certificate certificate, AlgorithmParameterSpec ephemeralKeys) {}

  private BouncyCastle() {}

  /**
   * {@code key} as Bouncy Castle's own key when it is another provider's EC key. Given the JDK's
   * key, Bouncy Castle converts the curve parameters on every signature, and with them rebuilds the
   * generator's precomputed multiples: about two thirds of the signature's time. Its own key of a
   * named curve uses the curve's shared table. Converted once per key and kept (bounded, keyed by
   * the key's encoding).
   */
  static PrivateKey ecSigningKey(PrivateKey key) {
    if (!(key instanceof ECPrivateKey)
        || key instanceof org.bouncycastle.jce.interfaces.ECPrivateKey) {
      return key;
    }
    PrivateKey known = EC_KEYS.get(key);
    if (known != null) {
      return known;
    }
    PrivateKey converted = convert(key);
    if (EC_KEYS.size() >= KEY_CAPACITY) {
      EC_KEYS.clear();
    }
    EC_KEYS.put(key, converted);
    return converted;
  }

  /** {@code certificate}, whose key is an EC key, as an {@link EcRecipient}; kept (bounded). */
  static EcRecipient ecRecipient(X509Certificate certificate, ECPublicKey key) {
    EcRecipient known = EC_RECIPIENTS.get(certificate);
    if (known != null) {
      return known;
    }
    EcRecipient converted;
    try {
      converted =
          new EcRecipient(
              certificate(new JcaX509CertificateHolder(certificate)), ephemeralKeys(key));
    } catch (CertificateException e) {
      throw new IllegalStateException("Bouncy Castle cannot read this certificate", e);
    }
    if (EC_RECIPIENTS.size() >= RECIPIENT_CAPACITY) {
      EC_RECIPIENTS.clear();
    }
    EC_RECIPIENTS.put(certificate, converted);
    return converted;
  }

  private static AlgorithmParameterSpec ephemeralKeys(ECPublicKey key) {
    X962Parameters parameters =
        X962Parameters.getInstance(
            SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getParameters());
    if (parameters.isNamedCurve()) {
      return new ECGenParameterSpec(
          ASN1ObjectIdentifier.getInstance(parameters.getParameters()).getId());
    }
    return key.getParams();
  }

  /**
   * {@code holder} as Bouncy Castle's own certificate object, whose public key is Bouncy Castle's
   * own and keeps its point's precomputed multiples between operations.
   */
  static X509Certificate certificate(X509CertificateHolder holder) throws CertificateException {
    return new JcaX509CertificateConverter().setProvider(PROVIDER).getCertificate(holder);
  }

  private static PrivateKey convert(PrivateKey key) {
    try {
      return KeyFactory.getInstance("EC", PROVIDER)
          .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Bouncy Castle cannot read this EC private key", e);
    }
  }
}
