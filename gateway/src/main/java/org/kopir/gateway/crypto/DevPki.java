package org.kopir.gateway.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Generates the development PKI (layout in certs-dev/README.md): per country a root CA, the node's
 * TLS, signing and audit certificates, each agency's TLS client and encryption certificates, an
 * empty CRL; and the shared pseudonym key {@code k1}. Never for production.
 */
public final class DevPki {

  /** CA validity: ten years. */
  public static final Duration CA_VALIDITY = Duration.ofDays(3652);

  /** Leaf validity: two years. */
  public static final Duration LEAF_VALIDITY = Duration.ofDays(730);

  /** Certificates start slightly in the past so that a peer with a late clock accepts them. */
  private static final Duration BACKDATING = Duration.ofHours(1);

  /** One node of the demo: its id (also the lower-case country code) and its agencies. */
  public record NodeSpec(String node, String country, List<String> agencies) {
    public NodeSpec {
      agencies = List.copyOf(agencies);
    }
  }

  /** The two-node demo of SPEC §1. */
  public static final List<NodeSpec> DEMO =
      List.of(
          new NodeSpec("kz", "KZ", List.of("kz-cpc", "kz-almaty-guardianship")),
          new NodeSpec("kg", "KG", List.of("kg-cpd", "kg-bishkek-guardianship")));

  private DevPki() {}

  /**
   * Writes the PKI of {@code nodes} under {@code out}, valid from {@code now}.
   *
   * @throws IllegalStateException when {@code out} already holds a CA and {@code overwrite} is
   *     false, so a regeneration is always deliberate
   */
  public static void generate(Path out, List<NodeSpec> nodes, Instant now, boolean overwrite) {
    Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS).minus(BACKDATING);
    for (NodeSpec node : nodes) {
      Path dir = out.resolve(node.node());
      if (!overwrite && Files.exists(dir.resolve("ca.key"))) {
        throw new IllegalStateException(dir + " already holds a CA; pass --force to replace it");
      }
    }
    for (NodeSpec node : nodes) {
      generateNode(out.resolve(node.node()), node, notBefore);
    }
    writePseudonymKey(out.resolve("pseudonym-keys").resolve("k1.key"));
  }

  private static void generateNode(Path dir, NodeSpec spec, Instant notBefore) {
    CertificateAuthority ca =
        CertificateAuthority.create(spec.country(), notBefore, notBefore.plus(CA_VALIDITY));
    ca.save(dir);
    Instant leafNotAfter = notBefore.plus(LEAF_VALIDITY);
    String nodeName = KopirNames.nodeCommonName(spec.node());
    write(
        dir,
        "node-tls",
        ca.issue(
            CertificateProfile.NODE_TLS,
            nodeName,
            List.of("localhost", "127.0.0.1", spec.node().toLowerCase(Locale.ROOT)),
            notBefore,
            leafNotAfter));
    writeBundle(dir, "node-tls");
    write(
        dir,
        "node-signing",
        ca.issue(CertificateProfile.NODE_SIGNING, nodeName, List.of(), notBefore, leafNotAfter));
    write(
        dir,
        "node-audit",
        ca.issue(
            CertificateProfile.NODE_AUDIT,
            KopirNames.auditCommonName(spec.node()),
            List.of(),
            notBefore,
            leafNotAfter));
    Path agencies = dir.resolve("agencies");
    for (String agency : spec.agencies()) {
      write(
          agencies,
          agency,
          ca.issue(CertificateProfile.AGENCY_TLS, agency, List.of(), notBefore, leafNotAfter));
      write(
          agencies,
          agency + "-encryption",
          ca.issue(
              CertificateProfile.AGENCY_ENCRYPTION, agency, List.of(), notBefore, leafNotAfter));
    }
    PemFiles.writeCrl(
        dir.resolve("crl.pem"),
        ca.crl(List.of(), notBefore, ca.certificate().getNotAfter().toInstant()));
  }

  private static void write(Path dir, String baseName, KeyAndCertificate issued) {
    PemFiles.writeCertificate(dir.resolve(baseName + ".crt"), issued.certificate());
    PemFiles.writePrivateKey(dir.resolve(baseName + ".key"), issued.privateKey());
  }

  /**
   * {@code <baseName>.pem}: the key and certificate in one file, the form Artemis's PEM key stores
   * take (the standalone broker's acceptor and the node's connections to brokers).
   */
  private static void writeBundle(Path dir, String baseName) {
    try {
      Files.writeString(
          dir.resolve(baseName + ".pem"),
          Files.readString(dir.resolve(baseName + ".key"), StandardCharsets.US_ASCII)
              + Files.readString(dir.resolve(baseName + ".crt"), StandardCharsets.US_ASCII),
          StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + baseName + ".pem in " + dir, e);
    }
  }

  private static void writePseudonymKey(Path file) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
