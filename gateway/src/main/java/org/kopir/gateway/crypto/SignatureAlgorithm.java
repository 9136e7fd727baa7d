package org.kopir.gateway.crypto;

import java.security.PrivateKey;

/** Signature algorithms allowed by SPEC §3, all with SHA-256. */
public enum SignatureAlgorithm {
  /** ECDSA for an EC key, RSA PKCS#1 v1.5 for an RSA key. */
  AUTO(null, null),
  ECDSA_SHA256("SHA256withECDSA", "EC"),
  RSA_SHA256("SHA256withRSA", "RSA"),
  RSA_PSS_SHA256("SHA256withRSAandMGF1", "RSA");

  private final String jcaName;
  private final String keyAlgorithm;

  SignatureAlgorithm(String jcaName, String keyAlgorithm) {
    this.jcaName = jcaName;
    this.keyAlgorithm = keyAlgorithm;
  }

  /**
   * The JCA algorithm name for {@code key}.
   *
   * @throws IllegalArgumentException when this algorithm does not fit the key
   */
  public String jcaNameFor(PrivateKey key) {
    String algorithm = "ECDSA".equals(key.getAlgorithm()) ? "EC" : key.getAlgorithm();
    if (this == AUTO) {
      return switch (algorithm) {
        case "EC" -> ECDSA_SHA256.jcaName;
        case "RSA" -> RSA_SHA256.jcaName;
        default -> throw new IllegalArgumentException("unsupported signing key " + algorithm);
      };
    }
    if (!keyAlgorithm.equals(algorithm)) {
      throw new IllegalArgumentException(name() + " needs an " + keyAlgorithm + " key");
    }
    return jcaName;
  }
}
