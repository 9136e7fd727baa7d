package org.kopir.gateway.crypto;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** A private key with its certificate. {@link #toString()} never shows the key. */
public record KeyAndCertificate(PrivateKey privateKey, X509Certificate certificate) {

  public KeyAndCertificate {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificate, "certificate");
  }

  @Override
  public String toString() {
    return "KeyAndCertificate[" + certificate.getSubjectX500Principal().getName() + "]";
  }
}
