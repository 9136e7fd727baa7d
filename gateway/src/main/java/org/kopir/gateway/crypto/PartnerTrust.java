package org.kopir.gateway.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.node.Partner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node trusts of one partner: its CA certificates (more than one while the partner's CA
 * rolls over), each with its CRL, re-read when the file changes, and the encryption certificates of
 * the partner's agencies. A certificate is trusted when it chains to any of the anchors and is not
 * on that anchor's CRL.
 */
public final class PartnerTrust {

  private static final Logger LOG = LoggerFactory.getLogger(PartnerTrust.class);

  private final String node;
  private final String country;
  private final List<Anchor> anchors;
  private final Map<String, X509Certificate> agencyCertificates = new LinkedHashMap<>();

  /** One trust anchor and the CRL file it signs. */
  private static final class Anchor {
    private final X509Certificate ca;
    private final Path crlFile;
    private volatile CachedCrl cached;

    private Anchor(X509Certificate ca, Path crlFile) {
      this.ca = ca;
      this.crlFile = crlFile;
    }

    X509CRL crl() {
      try {
        FileTime modified = Files.getLastModifiedTime(crlFile);
        CachedCrl current = cached;
        if (current == null || !current.modified().equals(modified)) {
          X509CRL crl = PemFiles.readCrl(crlFile);
          crl.verify(ca.getPublicKey());
          current = new CachedCrl(modified, crl);
          cached = current;
        }
        return current.crl();
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException("partner CRL " + crlFile + " is unusable", e);
      }
    }
  }

  private record CachedCrl(FileTime modified, X509CRL crl) {}

  /**
   * @param anchors the partner's CA certificate files
   * @param crls the CRL files, one per anchor, in any order: each goes with the anchor whose key
   *     signed it
   */
  PartnerTrust(Partner partner, List<Path> anchors, List<Path> crls, Path agencyCertificatesDir) {
    this.node = partner.node();
    this.country = partner.country();
    List<Anchor> list = new ArrayList<>();
    for (Path file : anchors) {
      KeyMaterialLoader.requireReadable(file);
      X509Certificate ca = PemFiles.readCertificate(file);
      list.add(new Anchor(ca, crlSignedBy(ca, crls, file)));
    }
    if (list.isEmpty()) {
      throw new IllegalStateException("partner " + node + " has no trust anchor");
    }
    this.anchors = List.copyOf(list);
    this.anchors.forEach(Anchor::crl);
    for (String agency : partner.agencies()) {
      Path file = agencyCertificatesDir.resolve(agency + "-encryption.crt");
      if (Files.isReadable(file)) {
        agencyCertificates.put(agency, PemFiles.readCertificate(file));
      } else {
        LOG.warn("No encryption certificate for partner agency {} at {}", agency, file);
      }
    }
  }

  private static Path crlSignedBy(X509Certificate ca, List<Path> crls, Path caFile) {
    for (Path file : crls) {
      KeyMaterialLoader.requireReadable(file);
      try {
        PemFiles.readCrl(file).verify(ca.getPublicKey());
        return file;
      } catch (GeneralSecurityException e) {
        // signed by another anchor
      }
    }
    throw new IllegalStateException("no CRL signed by the partner CA " + caFile);
  }

  public String node() {
    return node;
  }

  public String country() {
    return country;
  }

  /** The partner's CA certificates. */
  public List<X509Certificate> cas() {
    return anchors.stream().map(anchor -> anchor.ca).toList();
  }

  /** The CRL files of the partner's CAs (the border TLS connector checks them too). */
  public List<Path> crlFiles() {
    return anchors.stream().map(anchor -> anchor.crlFile).toList();
  }

  /** Each CA's current CRL, re-read when its file has changed. */
  public List<X509CRL> crls() {
    return anchors.stream().map(Anchor::crl).toList();
  }

  /** The encryption certificate of one of the partner's agencies. */
  public Optional<X509Certificate> agencyCertificate(String agency) {
    return Optional.ofNullable(agencyCertificates.get(agency));
  }

  Map<String, X509Certificate> agencyCertificates() {
    return agencyCertificates;
  }

  /**
   * Validates {@code leaf} against each anchor in turn (see {@link CertificateTrust}); trusted when
   * one accepts it.
   *
   * @throws KopirException the refusal of the anchor that came closest: one whose key verified the
   *     path (so an expired or revoked certificate is reported as such) rather than one that did
   *     not issue it
   */
  public void requireTrusted(
      X509Certificate leaf, List<X509Certificate> candidates, Instant at, int... keyUsage) {
    KopirException refusal = null;
    for (Anchor anchor : anchors) {
      try {
        CertificateTrust.requireTrusted(leaf, candidates, anchor.ca, anchor.crl(), at, keyUsage);
        return;
      } catch (KopirException e) {
        if (refusal == null || (issuedBy(leaf, candidates, anchor.ca) && !notIssued(e))) {
          refusal = e;
        }
      }
    }
    throw refusal;
  }

  /** Whether {@code ca}'s key signed the leaf or one of the certificates sent with it. */
  private static boolean issuedBy(
      X509Certificate leaf, List<X509Certificate> candidates, X509Certificate ca) {
    List<X509Certificate> all = new ArrayList<>(candidates);
    all.add(leaf);
    for (X509Certificate certificate : all) {
      try {
        certificate.verify(ca.getPublicKey());
        return true;
      } catch (GeneralSecurityException e) {
        // not this anchor's
      }
    }
    return false;
  }

  private static boolean notIssued(KopirException e) {
    return e.code() == ErrorCode.UNTRUSTED_CERTIFICATE
        && e.getMessage() != null
        && e.getMessage().contains("not issued by the trusted CA");
  }

  /** Whether {@code certificate} names this partner's node: its node id and country. */
  public boolean isNode(X509Certificate certificate) {
    return KopirNames.SubjectName.of(certificate).isNode(node, country);
  }
}
