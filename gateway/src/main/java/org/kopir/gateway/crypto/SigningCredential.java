package org.kopir.gateway.crypto;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.List;

/**
 * A private key with its certificate chain, signer first, and the signature algorithm to use with
 * it: ECDSA P-256 or RSA (at least 2048 bits, PKCS#1 v1.5 or PSS), all with SHA-256 (SPEC §3).
 * {@link #toString()} never shows the key.
 */
public record SigningCredential(
    PrivateKey privateKey, List<X509Certificate> chain, SignatureAlgorithm algorithm) {

  private static final int MIN_RSA_BITS = 2048;

  public SigningCredential {
    if (chain == null || chain.isEmpty()) {
      throw new IllegalArgumentException("a signing credential needs its certificate");
    }
    if (privateKey instanceof RSAKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
      throw new IllegalArgumentException("RSA signing keys need at least 2048 bits");
    }
    chain = List.copyOf(chain);
    algorithm = algorithm == null ? SignatureAlgorithm.AUTO : algorithm;
    algorithm.jcaNameFor(privateKey);
  }

  /** A credential whose signature algorithm follows the key. */
  public SigningCredential(PrivateKey privateKey, List<X509Certificate> chain) {
    this(privateKey, chain, SignatureAlgorithm.AUTO);
  }

  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** The JCA signature algorithm name. */
  public String signatureAlgorithm() {
    return algorithm.jcaNameFor(privateKey);
  }

  @Override
  public String toString() {
    return "SigningCredential["
        + certificate().getSubjectX500Principal().getName()
        + ", "
        + signatureAlgorithm()
        + "]";
  }
}
