package org.kopir.gateway.crypto;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key with its certificate chain, signer first. The JCA signature algorithm follows the
 * key: ECDSA P-256 or RSA, both with SHA-256 (SPEC §3).
 */
public record SigningCredential(PrivateKey privateKey, List<X509Certificate> chain) {

  public SigningCredential {
    if (chain == null || chain.isEmpty()) {
      throw new IllegalArgumentException("a signing credential needs its certificate");
    }
    chain = List.copyOf(chain);
  }

  public X509Certificate certificate() {
    return chain.get(0);
  }

  public String signatureAlgorithm() {
    return switch (privateKey.getAlgorithm()) {
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default ->
          throw new IllegalArgumentException(
              "unsupported signing key algorithm " + privateKey.getAlgorithm());
    };
  }
}
