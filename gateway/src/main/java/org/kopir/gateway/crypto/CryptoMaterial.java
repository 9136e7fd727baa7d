package org.kopir.gateway.crypto;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.node.Partner;
import org.kopir.gateway.node.Partners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The node's key material, loaded at start-up so that a missing or unreadable file stops the node
 * instead of failing the first message, and what it trusts of each partner ({@link PartnerTrust}).
 * Partner CRLs are re-read when their files change, so that a new CRL takes effect without a
 * restart; the node signing and TLS credentials and the own CA certificates are re-read on an
 * operator's request ({@link NodeCredentialRollover}), everything else only at start-up.
 */
@Component
public class CryptoMaterial {

  private static final Logger LOG = LoggerFactory.getLogger(CryptoMaterial.class);

  private final String node;
  private final String country;
  private final CryptoProperties properties;
  private final Path own;
  private final Path ownCrl;
  private final SigningCredential audit;
  private volatile NodeCredentials credentials;
  private final EcProvider ecProvider;
  private final Map<String, KeyAndCertificate> localAgencyKeys = new LinkedHashMap<>();
  private final Map<String, PartnerTrust> partners = new LinkedHashMap<>();

  public CryptoMaterial(
      CryptoProperties properties, NodeProperties nodeProperties, Partners partnerNodes) {
    this.node = nodeProperties.getNode();
    this.country = nodeProperties.getCountry().toUpperCase(Locale.ROOT);
    this.ecProvider = properties.getEcProvider();
    this.properties = properties;
    this.own = properties.getCertsDir().resolve(node);
    this.ownCrl = orDefault(properties.getOwnCrl(), own.resolve("crl.pem"));
    this.audit =
        KeyMaterialLoader.load(
            properties.getAudit(),
            own.resolve("node-audit.key"),
            own.resolve("node-audit.crt"),
            properties.getSignatureAlgorithm());
    this.credentials = readNodeCredentials();
    loadLocalAgencyKeys(
        nodeProperties, orDefault(properties.getLocalAgencyKeysDir(), own.resolve("agencies")));
    for (Partner partner : partnerNodes.all()) {
      Path dir = properties.getCertsDir().resolve(partner.node());
      NodeProperties.PartnerSettings settings = partner.settings();
      partners.put(
          partner.node(),
          new PartnerTrust(
              partner,
              orDefault(settings.getTrustAnchors(), List.of(dir.resolve("ca.crt"))),
              orDefault(settings.getCrls(), List.of(dir.resolve("crl.pem"))),
              orDefault(settings.getAgencyCertificatesDir(), dir.resolve("agencies"))));
    }
  }

  public String node() {
    return node;
  }

  /** This node's country, upper case. */
  public String country() {
    return country;
  }

  /** The provider of ECDSA and identity-block key pairs ({@code kopir.crypto.ec-provider}). */
  public EcProvider ecProvider() {
    return ecProvider;
  }

  /** The current node signing credential (it changes when the operator rolls it over). */
  public SigningCredential signing() {
    return credentials.signing();
  }

  public SigningCredential audit() {
    return audit;
  }

  /** The current node TLS credential (it changes when the operator rolls it over). */
  public SigningCredential tls() {
    return credentials.tls();
  }

  /** This node's CA certificate: the first of {@link #ownCas()}. */
  public X509Certificate ownCa() {
    return credentials.ownCas().get(0);
  }

  /** This node's CA certificates: more than one while its CA rolls over. */
  public List<X509Certificate> ownCas() {
    return credentials.ownCas();
  }

  /** The node signing and TLS credentials and own CA certificates in use. */
  public NodeCredentials nodeCredentials() {
    return credentials;
  }

  /**
   * Reads the node signing and TLS credentials and the own CA certificates afresh from their
   * configured sources, without using them.
   *
   * @throws IllegalStateException or {@link java.io.UncheckedIOException} when a file is missing or
   *     unreadable
   */
  NodeCredentials readNodeCredentials() {
    return new NodeCredentials(
        KeyMaterialLoader.load(
            properties.getSigning(),
            own.resolve("node-signing.key"),
            own.resolve("node-signing.crt"),
            properties.getSignatureAlgorithm()),
        KeyMaterialLoader.load(
            properties.getTls(),
            own.resolve("node-tls.key"),
            own.resolve("node-tls.crt"),
            SignatureAlgorithm.AUTO),
        readCertificates(orDefault(properties.getOwnCa(), own.resolve("ca.crt"))));
  }

  /** The own CA's CRL ({@code kopir.crypto.own-crl}, default {@code <node>/crl.pem}), read now. */
  java.security.cert.X509CRL readOwnCrl() {
    KeyMaterialLoader.requireReadable(ownCrl);
    return PemFiles.readCrl(ownCrl);
  }

  /** Puts {@code next} in use: later signatures and TLS handshakes use its keys. */
  void use(NodeCredentials next) {
    this.credentials = next;
  }

  /** The key of a local agency served in reveal-at-delivery mode. */
  public Optional<KeyAndCertificate> localAgencyKey(String agency) {
    return Optional.ofNullable(localAgencyKeys.get(agency));
  }

  /** What this node trusts of partner node {@code node}, if it is a partner. */
  public Optional<PartnerTrust> partner(String node) {
    return Optional.ofNullable(node == null ? null : partners.get(node));
  }

  /** What this node trusts of each partner, by node id. */
  public Map<String, PartnerTrust> partners() {
    return partners;
  }

  /**
   * The partner whose node certificate {@code certificate} is, by its subject name (node id and
   * country); whether it chains to that partner's CA is {@link PartnerTrust#requireTrusted}'s
   * question.
   */
  public Optional<PartnerTrust> partnerNamedBy(X509Certificate certificate) {
    return partners.values().stream().filter(partner -> partner.isNode(certificate)).findFirst();
  }

  /** Every configured certificate by a stable label, for expiry monitoring. */
  public Map<String, X509Certificate> monitoredCertificates() {
    Map<String, X509Certificate> all = new LinkedHashMap<>();
    NodeCredentials current = credentials;
    all.put("signing", current.signing().certificate());
    all.put("audit", audit.certificate());
    all.put("tls", current.tls().certificate());
    List<X509Certificate> ownCas = current.ownCas();
    for (int i = 0; i < ownCas.size(); i++) {
      all.put("own-ca" + (i > 0 ? "#" + (i + 1) : ""), ownCas.get(i));
    }
    localAgencyKeys.forEach((agency, key) -> all.put("agency:" + agency, key.certificate()));
    partners.forEach(
        (node, trust) -> {
          List<X509Certificate> cas = trust.cas();
          for (int i = 0; i < cas.size(); i++) {
            all.put("partner-ca:" + node + (cas.size() > 1 ? "#" + (i + 1) : ""), cas.get(i));
          }
          trust
              .agencyCertificates()
              .forEach((agency, cert) -> all.put("partner-agency:" + agency, cert));
        });
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

  private static List<X509Certificate> readCertificates(Path file) {
    KeyMaterialLoader.requireReadable(file);
    List<X509Certificate> certificates = PemFiles.readCertificates(file);
    if (certificates.isEmpty()) {
      throw new IllegalStateException("no certificate in " + file.toAbsolutePath());
    }
    return certificates;
  }

  private static Path orDefault(Path configured, Path fallback) {
    return configured != null ? configured : fallback;
  }

  private static List<Path> orDefault(List<Path> configured, List<Path> fallback) {
    return configured != null && !configured.isEmpty() ? configured : fallback;
  }
}
