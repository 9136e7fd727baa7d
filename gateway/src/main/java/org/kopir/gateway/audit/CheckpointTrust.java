package org.kopir.gateway.audit;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Set;
import org.kopir.gateway.crypto.SignatureCheckException;
import org.kopir.gateway.crypto.VerifiedSignature;

/**
 * Whether a checkpoint signer is the node's audit key: its certificate must chain (PKIX) to the
 * audit CA, be valid at the signature's signing time (checkpoints are verified years later, after
 * the certificate has expired) and allow digital signatures. A signer certificate that is itself
 * the given trust anchor is accepted as pinned.
 */
final class CheckpointTrust {

  private static final int DIGITAL_SIGNATURE = 0;

  private final X509Certificate anchor;

  CheckpointTrust(X509Certificate anchor) {
    this.anchor = anchor;
  }

  void requireTrusted(VerifiedSignature signature) {
    X509Certificate signer = signature.signer();
    boolean[] keyUsage = signer.getKeyUsage();
    if (keyUsage != null && !keyUsage[DIGITAL_SIGNATURE]) {
      throw new SignatureCheckException("signer certificate is not for digital signatures");
    }
    if (signer.equals(anchor)) {
      return;
    }
    Date at = signature.signingTime() == null ? new Date() : signature.signingTime();
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(signer);
      PKIXBuilderParameters parameters =
          new PKIXBuilderParameters(Set.of(new TrustAnchor(anchor, null)), target);
      parameters.setRevocationEnabled(false);
      parameters.setDate(at);
      parameters.addCertStore(
          CertStore.getInstance(
              "Collection", new CollectionCertStoreParameters(signature.includedCertificates())));
      CertPathBuilder.getInstance("PKIX").build(parameters);
    } catch (GeneralSecurityException e) {
      throw new SignatureCheckException("signer certificate does not chain to the audit CA");
    }
  }
}
