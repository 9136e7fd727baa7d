package org.kopir.gateway.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;

/**
 * Whether a new node signing or TLS credential may be put in use: the key matches the certificate,
 * the certificate names this node, is issued (directly or through the intermediates sent with it)
 * by one of the node's own CA certificates, is not on that CA's CRL, is valid now and has the key
 * usage of its role (signing: digitalSignature and nonRepudiation, SPEC §3.4; TLS: digitalSignature
 * with serverAuth and clientAuth, SPEC §1.3). These are the checks a partner makes, so material
 * that passes here is accepted there, provided the partner trusts the CA (a CA rollover needs the
 * partner to hold the new anchor first).
 */
final class NodeCredentialCheck {

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String node;
  private final String country;
  private final List<X509Certificate> ownCas;
  private final X509CRL ownCrl;
  private final Instant at;

  NodeCredentialCheck(
      String node, String country, List<X509Certificate> ownCas, X509CRL ownCrl, Instant at) {
    this.node = node;
    this.country = country;
    this.ownCas = List.copyOf(ownCas);
    this.ownCrl = ownCrl;
    this.at = at;
  }

  /**
   * @throws KopirException {@code CREDENTIALS_REJECTED} naming {@code /signing} and the failed
   *     check
   */
  void requireSigning(SigningCredential signing) {
    require(
        "signing",
        signing,
        new int[] {CertificateTrust.DIGITAL_SIGNATURE, CertificateTrust.NON_REPUDIATION});
  }

  /**
   * @throws KopirException {@code CREDENTIALS_REJECTED} naming {@code /tls} and the failed check
   */
  void requireTls(SigningCredential tls) {
    require("tls", tls, new int[] {CertificateTrust.DIGITAL_SIGNATURE});
    List<String> purposes;
    try {
      purposes = tls.certificate().getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      purposes = null;
    }
    if (purposes == null || !purposes.contains(SERVER_AUTH) || !purposes.contains(CLIENT_AUTH)) {
      throw rejected("tls", "the certificate lacks the serverAuth and clientAuth key purposes");
    }
  }

  private void require(String role, SigningCredential credential, int[] keyUsage) {
    X509Certificate leaf = credential.certificate();
    requireKeyMatches(role, credential);
    if (!KopirNames.SubjectName.of(leaf).isNode(node, country)) {
      throw rejected(role, "the certificate does not name this node");
    }
    List<X509Certificate> path = new ArrayList<>(credential.chain());
    for (X509Certificate certificate : path) {
      try {
        certificate.checkValidity(Date.from(at));
      } catch (GeneralSecurityException e) {
        throw rejected(role, "a certificate of the chain is outside its validity");
      }
    }
    boolean[] usage = leaf.getKeyUsage();
    for (int bit : keyUsage) {
      if (usage == null || usage.length <= bit || !usage[bit]) {
        throw rejected(role, "the certificate's key usage does not allow this use");
      }
    }
    X509Certificate ca = issuingOwnCa(role, path);
    try {
      ca.checkValidity(Date.from(at));
    } catch (GeneralSecurityException e) {
      throw rejected(role, "the issuing own CA certificate is outside its validity");
    }
    if (signedBy(ownCrl, ca) && ownCrl.isRevoked(leaf)) {
      throw rejected(role, "the certificate is revoked");
    }
  }

  /** The own CA that signed the last certificate of {@code path}, each link checked. */
  private X509Certificate issuingOwnCa(String role, List<X509Certificate> path) {
    for (int i = 0; i + 1 < path.size(); i++) {
      if (!signedBy(path.get(i), path.get(i + 1))) {
        throw rejected(role, "the certificate chain is broken");
      }
    }
    X509Certificate top = path.get(path.size() - 1);
    for (X509Certificate ca : ownCas) {
      if (top.getIssuerX500Principal().equals(ca.getSubjectX500Principal()) && signedBy(top, ca)) {
        return ca;
      }
    }
    throw rejected(role, "the certificate was not issued by this node's CA");
  }

  private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
    try {
      certificate.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean signedBy(X509CRL crl, X509Certificate issuer) {
    try {
      crl.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static void requireKeyMatches(String role, SigningCredential credential) {
    String algorithm =
        "RSA".equals(credential.privateKey().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    byte[] challenge = new byte[32];
    RANDOM.nextBytes(challenge);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(credential.privateKey());
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(credential.certificate().getPublicKey());
      verifier.update(challenge);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // a key of another type than the certificate's: a mismatch as well
    }
    throw rejected(role, "the private key does not match the certificate");
  }

  static KopirException rejected(String role, String reason) {
    return new KopirException(
        ErrorCode.CREDENTIALS_REJECTED,
        "The new " + role + " key material was not put in use; the current one stays.",
        List.of(new FieldError("/" + role, reason)));
  }
}
