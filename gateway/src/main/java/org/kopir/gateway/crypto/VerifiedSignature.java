package org.kopir.gateway.crypto;

import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;

/** A cryptographically sound signature: its signer, the certificates it carried, its time. */
public record VerifiedSignature(
    X509Certificate signer, List<X509Certificate> includedCertificates, Date signingTime) {

  public VerifiedSignature {
    includedCertificates = List.copyOf(includedCertificates);
  }
}
