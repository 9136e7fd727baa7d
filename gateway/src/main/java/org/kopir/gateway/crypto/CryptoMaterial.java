package org.kopir.gateway.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kopir.gateway.node.NodeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The node's key material, loaded once at start-up so that a missing or unreadable file stops the
 * node instead of failing the first message. Only the partner CRL is re-read, when its file
 * changes, so that a new CRL takes effect without a restart.
 */
@Component
public class CryptoMaterial {

  private static final Logger LOG = LoggerFactory.getLogger(CryptoMaterial.class);

  private final String node;
  private final String country;
  private final String partnerNode;
  private final String partnerCountry;
  private final SigningCredential signing;
  private final SigningCredential audit;
  private final SigningCredential tls;
  private final X509Certificate ownCa;
  private final X509Certificate partnerCa;
  private final Path partnerCrlFile;
  private final Map<String, KeyAndCertificate> localAgencyKeys = new LinkedHashMap<>();
  private final Map<String, X509Certificate> partnerAgencyCertificates = new LinkedHashMap<>();
  private volatile CachedCrl partnerCrl;

  private record CachedCrl(FileTime modified, X509CRL crl) {}

  public CryptoMaterial(CryptoProperties properties, NodeProperties nodeProperties) {
    this.node = nodeProperties.getNode();
    this.country = nodeProperties.getCountry().toUpperCase(Locale.ROOT);
    this.partnerNode = nodeProperties.getPartner().getNode();
    this.partnerCountry = nodeProperties.getPartner().getCountry().toUpperCase(Locale.ROOT);
    Path own = properties.getCertsDir().resolve(node);
    Path partner = properties.getCertsDir().resolve(partnerNode);
    SignatureAlgorithm algorithm = properties.getSignatureAlgorithm();
    this.signing =
        KeyMaterialLoader.load(
            properties.getSigning(),
            own.resolve("node-signing.key"),
            own.resolve("node-signing.crt"),
            algorithm);
    this.audit =
        KeyMaterialLoader.load(
            properties.getAudit(),
            own.resolve("node-audit.key"),
            own.resolve("node-audit.crt"),
            algorithm);
    this.tls =
        KeyMaterialLoader.load(
            properties.getTls(),
            own.resolve("node-tls.key"),
            own.resolve("node-tls.crt"),
            SignatureAlgorithm.AUTO);
    this.ownCa = readCertificate(orDefault(properties.getOwnCa(), own.resolve("ca.crt")));
    this.partnerCa =
        readCertificate(orDefault(properties.getPartnerCa(), partner.resolve("ca.crt")));
    this.partnerCrlFile = orDefault(properties.getPartnerCrl(), partner.resolve("crl.pem"));
    KeyMaterialLoader.requireReadable(partnerCrlFile);
    partnerCrl();
    loadLocalAgencyKeys(
        nodeProperties, orDefault(properties.getLocalAgencyKeysDir(), own.resolve("agencies")));
    loadPartnerAgencyCertificates(
        nodeProperties,
        orDefault(properties.getPartnerAgencyCertificatesDir(), partner.resolve("agencies")));
  }

  public String node() {
    return node;
  }

  /** This node's country, upper case. */
  public String country() {
    return country;
  }

  public String partnerNode() {
    return partnerNode;
  }

  public String partnerCountry() {
    return partnerCountry;
  }

  public SigningCredential signing() {
    return signing;
  }

  public SigningCredential audit() {
    return audit;
  }

  public SigningCredential tls() {
    return tls;
  }

  /** The file the partner CRL is read from (the border TLS connector checks it too). */
  public Path partnerCrlFile() {
    return partnerCrlFile;
  }

  public X509Certificate ownCa() {
    return ownCa;
  }

  public X509Certificate partnerCa() {
    return partnerCa;
  }

  /** The partner CA's current CRL, re-read when its file has changed. */
  public X509CRL partnerCrl() {
    try {
      FileTime modified = Files.getLastModifiedTime(partnerCrlFile);
      CachedCrl cached = partnerCrl;
      if (cached == null || !cached.modified().equals(modified)) {
        X509CRL crl = PemFiles.readCrl(partnerCrlFile);
        crl.verify(partnerCa.getPublicKey());
        cached = new CachedCrl(modified, crl);
        partnerCrl = cached;
      }
      return cached.crl();
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("partner CRL " + partnerCrlFile + " is unusable", e);
    }
  }

  /** The key of a local agency served in reveal-at-delivery mode. */
  public Optional<KeyAndCertificate> localAgencyKey(String agency) {
    return Optional.ofNullable(localAgencyKeys.get(agency));
  }

  /** The encryption certificate of a partner agency. */
  public Optional<X509Certificate> partnerAgencyCertificate(String agency) {
    return Optional.ofNullable(partnerAgencyCertificates.get(agency));
  }

  /** Every configured certificate by a stable label, for expiry monitoring. */
  public Map<String, X509Certificate> monitoredCertificates() {
    Map<String, X509Certificate> all = new LinkedHashMap<>();
    all.put("signing", signing.certificate());
    all.put("audit", audit.certificate());
    all.put("tls", tls.certificate());
    all.put("own-ca", ownCa);
    all.put("partner-ca", partnerCa);
    localAgencyKeys.forEach((agency, key) -> all.put("agency:" + agency, key.certificate()));
    partnerAgencyCertificates.forEach((agency, cert) -> all.put("partner-agency:" + agency, cert));
    return all;
  }

  private void loadLocalAgencyKeys(NodeProperties nodeProperties, Path directory) {
    nodeProperties
        .getAgencies()
        .forEach(
            (agency, settings) -> {
              if (!"reveal-at-delivery".equals(settings.getDeliveryMode())) {
                return;
              }
              Path key = directory.resolve(agency + "-encryption.key");
              Path certificate = directory.resolve(agency + "-encryption.crt");
              KeyMaterialLoader.requireReadable(key);
              KeyMaterialLoader.requireReadable(certificate);
              localAgencyKeys.put(
                  agency,
                  new KeyAndCertificate(
                      PemFiles.readPrivateKey(key), PemFiles.readCertificate(certificate)));
            });
  }

  private void loadPartnerAgencyCertificates(NodeProperties nodeProperties, Path directory) {
    for (String agency : nodeProperties.getPartner().getAgencies()) {
      Path file = directory.resolve(agency + "-encryption.crt");
      if (Files.isReadable(file)) {
        partnerAgencyCertificates.put(agency, PemFiles.readCertificate(file));
      } else {
        LOG.warn("No encryption certificate for partner agency {} at {}", agency, file);
      }
    }
  }

  private static X509Certificate readCertificate(Path file) {
    KeyMaterialLoader.requireReadable(file);
    return PemFiles.readCertificate(file);
  }

  private static Path orDefault(Path configured, Path fallback) {
    return configured != null ? configured : fallback;
  }
}
