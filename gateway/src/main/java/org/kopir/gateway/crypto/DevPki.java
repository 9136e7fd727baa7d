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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Generates the development PKI (layout in certs-dev/README.md): per country a root CA, the node's
 * TLS, signing and audit certificates, each agency's TLS client and encryption certificates, an
 * empty CRL; and per partnership (pair of nodes) its pseudonym key {@code k1} in {@code
 * pseudonym-keys/<a>-<b>/}. Never for production.
 */
public final class DevPki {

  /** CA validity: ten years. */
  public static final Duration CA_VALIDITY = Duration.ofDays(3652);

  /** Leaf validity: two years. */
  public static final Duration LEAF_VALIDITY = Duration.ofDays(730);

  /** Certificates start slightly in the past so that a peer with a late clock accepts them. */
  private static final Duration BACKDATING = Duration.ofHours(1);

  /** The directory of the pseudonym keys, one subdirectory per partnership. */
  public static final String PSEUDONYM_KEYS = "pseudonym-keys";

  /** The key id of the pseudonym key written for each partnership. */
  public static final String PSEUDONYM_KID = "k1";

  /** One node of the demo: its id (also the lower-case country code) and its agencies. */
  public record NodeSpec(String node, String country, List<String> agencies) {
    public NodeSpec {
      agencies = List.copyOf(agencies);
    }
  }

  /** The development nodes of the demo (SPEC §1), in their usual order. */
  public static final List<NodeSpec> DEMO =
      List.of(
          new NodeSpec("kz", "KZ", List.of("kz-cpc", "kz-almaty-guardianship")),
          new NodeSpec("kg", "KG", List.of("kg-cpd", "kg-bishkek-guardianship")),
          new NodeSpec("tj", "TJ", List.of("tj-cpc", "tj-dushanbe-guardianship")));

  private DevPki() {}

  /**
   * The development nodes with the given ids, in that order.
   *
   * @throws IllegalArgumentException for an id that is not a development node, or a repeated one
   */
  public static List<NodeSpec> nodes(List<String> ids) {
    Map<String, NodeSpec> known = new LinkedHashMap<>();
    DEMO.forEach(spec -> known.put(spec.node(), spec));
    List<NodeSpec> nodes = new ArrayList<>();
    for (String id : ids) {
      NodeSpec spec = known.get(id.strip().toLowerCase(Locale.ROOT));
      if (spec == null) {
        throw new IllegalArgumentException(
            "unknown development node " + id + "; known: " + String.join(", ", known.keySet()));
      }
      if (nodes.contains(spec)) {
        throw new IllegalArgumentException("node " + spec.node() + " given twice");
      }
      nodes.add(spec);
    }
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no node given");
    }
    return List.copyOf(nodes);
  }

  /**
   * The id of the partnership of nodes {@code a} and {@code b}: both ids sorted, joined with {@code
   * -} ({@code kg-kz}).
   */
  public static String partnershipId(String a, String b) {
    return a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a;
  }

  /** The pseudonym key file of the partnership {@code partnershipId} under {@code out}. */
  public static Path pseudonymKey(Path out, String partnershipId) {
    return out.resolve(PSEUDONYM_KEYS).resolve(partnershipId).resolve(PSEUDONYM_KID + ".key");
  }

  /**
   * Writes the PKI of {@code nodes} under {@code out}, valid from {@code now}, and a new pseudonym
   * key for every pair of them.
   *
   * @return the partnerships whose pseudonym key was written
   * @throws IllegalStateException when {@code out} already holds the CA of one of {@code nodes} or
   *     the pseudonym key of one of their pairs and {@code overwrite} is false, so a regeneration
   *     is always deliberate
   */
  public static List<String> generate(
      Path out, List<NodeSpec> nodes, Instant now, boolean overwrite) {
    List<String> partnerships = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      for (int j = i + 1; j < nodes.size(); j++) {
        partnerships.add(partnershipId(nodes.get(i).node(), nodes.get(j).node()));
      }
    }
    if (!overwrite) {
      refuseExistingCas(out, nodes, "; pass --force to replace it");
      for (String partnership : partnerships) {
        if (Files.exists(pseudonymKey(out, partnership))) {
          throw new IllegalStateException(
              pseudonymKey(out, partnership)
                  + " already exists; pass --force to replace it (pseudonyms made under it no"
                  + " longer link)");
        }
      }
    }
    Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS).minus(BACKDATING);
    for (NodeSpec node : nodes) {
      generateNode(out.resolve(node.node()), node, notBefore);
    }
    partnerships.forEach(partnership -> writePseudonymKey(pseudonymKey(out, partnership)));
    return List.copyOf(partnerships);
  }

  /**
   * Adds the countries {@code nodes} to the PKI under {@code out} without touching the others:
   * writes their PKI, valid from {@code now}, and the pseudonym key of every partnership of a new
   * node with another new node or with a country already under {@code out} (a directory with a
   * {@code ca.crt}), unless that key exists already.
   *
   * @return the partnerships whose pseudonym key was written
   * @throws IllegalStateException when {@code out} already holds the CA of one of {@code nodes};
   *     nothing is written then
   */
  public static List<String> add(Path out, List<NodeSpec> nodes, Instant now) {
    refuseExistingCas(out, nodes, "; adding a country never replaces one");
    Set<String> partners = new TreeSet<>(existingCountries(out));
    nodes.forEach(node -> partners.add(node.node()));
    Set<String> partnerships = new TreeSet<>();
    for (NodeSpec node : nodes) {
      for (String partner : partners) {
        if (!partner.equals(node.node())) {
          partnerships.add(partnershipId(node.node(), partner));
        }
      }
    }
    Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS).minus(BACKDATING);
    for (NodeSpec node : nodes) {
      generateNode(out.resolve(node.node()), node, notBefore);
    }
    List<String> written = new ArrayList<>();
    for (String partnership : partnerships) {
      if (!Files.exists(pseudonymKey(out, partnership))) {
        writePseudonymKey(pseudonymKey(out, partnership));
        written.add(partnership);
      }
    }
    return List.copyOf(written);
  }

  private static void refuseExistingCas(Path out, List<NodeSpec> nodes, String hint) {
    for (NodeSpec node : nodes) {
      Path dir = out.resolve(node.node());
      if (Files.exists(dir.resolve("ca.key")) || Files.exists(dir.resolve("ca.crt"))) {
        throw new IllegalStateException(dir + " already holds a CA" + hint);
      }
    }
  }

  /** The ids of the countries under {@code out}: its directories that hold a {@code ca.crt}. */
  private static List<String> existingCountries(Path out) {
    if (!Files.isDirectory(out)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(out)) {
      return children
          .filter(dir -> Files.isRegularFile(dir.resolve("ca.crt")))
          .map(dir -> dir.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + out, e);
    }
  }

  /**
   * Renews {@code node}'s signing and TLS certificates: new keys, the same names, issued by the CA
   * in {@code caDir} from {@code now}, written as {@code node-signing.key/.crt}, {@code
   * node-tls.key/.crt} and {@code node-tls.pem} into {@code out} (the files a running node re-reads
   * on {@code POST /api/v1/node/credentials/reload}).
   */
  public static void renewNode(Path caDir, String node, Path out, Instant now) {
    CertificateAuthority ca = CertificateAuthority.load(caDir);
    Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS).minus(BACKDATING);
    Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
    Instant notAfter =
        notBefore.plus(LEAF_VALIDITY).isAfter(caNotAfter)
            ? caNotAfter
            : notBefore.plus(LEAF_VALIDITY);
    writeNodeCredentials(out, ca, node, notBefore, notAfter);
  }

  private static void writeNodeCredentials(
      Path dir, CertificateAuthority ca, String node, Instant notBefore, Instant notAfter) {
    String nodeName = KopirNames.nodeCommonName(node);
    write(
        dir,
        "node-tls",
        ca.issue(
            CertificateProfile.NODE_TLS,
            nodeName,
            List.of("localhost", "127.0.0.1", node.toLowerCase(Locale.ROOT)),
            notBefore,
            notAfter));
    writeBundle(dir, "node-tls");
    write(
        dir,
        "node-signing",
        ca.issue(CertificateProfile.NODE_SIGNING, nodeName, List.of(), notBefore, notAfter));
  }

  private static void generateNode(Path dir, NodeSpec spec, Instant notBefore) {
    CertificateAuthority ca =
        CertificateAuthority.create(spec.country(), notBefore, notBefore.plus(CA_VALIDITY));
    ca.save(dir);
    Instant leafNotAfter = notBefore.plus(LEAF_VALIDITY);
    String nodeName = KopirNames.nodeCommonName(spec.node());
    writeNodeCredentials(dir, ca, spec.node(), notBefore, leafNotAfter);
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
