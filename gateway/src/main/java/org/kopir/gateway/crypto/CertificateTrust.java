package org.kopir.gateway.crypto;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;

/**
 * PKIX validation of a leaf certificate against exactly one trust anchor, with revocation taken
 * from that anchor's CRL (required: without a current CRL nothing is trusted), plus the key usage
 * the caller needs. Refusals: {@code CERTIFICATE_EXPIRED} for a leaf, intermediate or anchor
 * outside its validity, {@code UNTRUSTED_CERTIFICATE} for anything else (other CA, revoked, wrong
 * key usage).
 */
public final class CertificateTrust {

  /** Key usage bit positions of {@link X509Certificate#getKeyUsage()}. */
  public static final int DIGITAL_SIGNATURE = 0;

  public static final int NON_REPUDIATION = 1;
  public static final int KEY_ENCIPHERMENT = 2;
  public static final int KEY_AGREEMENT = 4;

  private static final int MAX_PATH_LENGTH = 5;

  private static final ValidatedPaths VALIDATED = new ValidatedPaths(1024);

  private CertificateTrust() {}

  /**
   * Validates {@code leaf} at {@code at}, building its path from {@code candidates} (certificates
   * that came with it) up to {@code anchor}.
   *
   * @param requiredKeyUsage key usage bits the leaf must all assert
   * @throws KopirException {@code CERTIFICATE_EXPIRED} or {@code UNTRUSTED_CERTIFICATE}
   */
  public static void requireTrusted(
      X509Certificate leaf,
      List<X509Certificate> candidates,
      X509Certificate anchor,
      X509CRL crl,
      Instant at,
      int... requiredKeyUsage) {
    Date date = Date.from(at);
    requireValidAt(leaf, date, "signer certificate");
    requireValidAt(anchor, date, "trust anchor");
    requireKeyUsage(leaf, requiredKeyUsage);
    List<X509Certificate> path = buildPath(leaf, candidates, anchor);
    if (VALIDATED.holds(path, anchor, crl, at)) {
      return;
    }
    try {
      PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
      parameters.setDate(date);
      parameters.setRevocationEnabled(true);
      parameters.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl))));
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
      VALIDATED.remember(path, anchor, crl);
    } catch (CertPathValidatorException e) {
      throw refusal(e);
    } catch (GeneralSecurityException e) {
      throw new KopirException(ErrorCode.UNTRUSTED_CERTIFICATE, "certificate path not validated");
    }
  }

  /** Number of accepted paths remembered (see {@link ValidatedPaths}). */
  static int rememberedPaths() {
    return VALIDATED.size();
  }

  private static KopirException refusal(CertPathValidatorException e) {
    if (e.getReason() == BasicReason.EXPIRED || e.getReason() == BasicReason.NOT_YET_VALID) {
      return new KopirException(
          ErrorCode.CERTIFICATE_EXPIRED, "a certificate of the path is outside its validity");
    }
    if (e.getReason() == BasicReason.REVOKED) {
      return new KopirException(ErrorCode.UNTRUSTED_CERTIFICATE, "certificate is revoked");
    }
    if (e.getReason() == BasicReason.UNDETERMINED_REVOCATION_STATUS) {
      return new KopirException(
          ErrorCode.UNTRUSTED_CERTIFICATE, "no current CRL from the trusted CA");
    }
    return new KopirException(
        ErrorCode.UNTRUSTED_CERTIFICATE, "certificate path to the trusted CA is not valid");
  }

  private static void requireValidAt(X509Certificate certificate, Date date, String what) {
    try {
      certificate.checkValidity(date);
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new KopirException(ErrorCode.CERTIFICATE_EXPIRED, what + " is outside its validity");
    }
  }

  private static void requireKeyUsage(X509Certificate leaf, int... bits) {
    boolean[] usage = leaf.getKeyUsage();
    for (int bit : bits) {
      if (usage == null || usage.length <= bit || !usage[bit]) {
        throw new KopirException(
            ErrorCode.UNTRUSTED_CERTIFICATE, "certificate key usage does not allow this use");
      }
    }
  }

  /** Leaf first, anchor excluded; follows issuer names through {@code candidates}. */
  private static List<X509Certificate> buildPath(
      X509Certificate leaf, List<X509Certificate> candidates, X509Certificate anchor) {
    List<X509Certificate> path = new ArrayList<>();
    X509Certificate current = leaf;
    path.add(current);
    while (!current.getIssuerX500Principal().equals(anchor.getSubjectX500Principal())) {
      X509Certificate issuer = findIssuer(current, candidates, path);
      if (issuer == null || path.size() >= MAX_PATH_LENGTH) {
        throw new KopirException(
            ErrorCode.UNTRUSTED_CERTIFICATE, "certificate was not issued by the trusted CA");
      }
      path.add(issuer);
      current = issuer;
    }
    return path;
  }

  private static X509Certificate findIssuer(
      X509Certificate child, List<X509Certificate> candidates, List<X509Certificate> path) {
    for (X509Certificate candidate : candidates) {
      if (!path.contains(candidate)
          && candidate.getSubjectX500Principal().equals(child.getIssuerX500Principal())
          && candidate.getBasicConstraints() >= 0) {
        return candidate;
      }
    }
    return null;
  }
}
