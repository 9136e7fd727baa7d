package org.kopir.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.cli.KopirCommand;
import picocli.CommandLine;

class PkiCommandTest {

  @TempDir Path temp;

  private int run(String... args) {
    return new CommandLine(new KopirCommand()).execute(args);
  }

  private static final List<String> NODE_FILES =
      List.of(
          "ca.crt",
          "ca.key",
          "crl.pem",
          "node-tls.crt",
          "node-tls.key",
          "node-tls.pem",
          "node-signing.crt",
          "node-signing.key",
          "node-audit.crt",
          "node-audit.key");

  private static final List<String> AGENCIES =
      List.of(
          "kz/agencies/kz-cpc",
          "kz/agencies/kz-almaty-guardianship",
          "kg/agencies/kg-cpd",
          "kg/agencies/kg-bishkek-guardianship",
          "tj/agencies/tj-cpc",
          "tj/agencies/tj-dushanbe-guardianship");

  @Test
  void generatesTheDocumentedLayoutForTheThreeNodesByDefault() throws Exception {
    Path out = temp.resolve("certs");

    assertThat(run("pki", "generate", "--out", out.toString())).isZero();

    for (String node : List.of("kz", "kg", "tj")) {
      for (String file : NODE_FILES) {
        assertThat(out.resolve(node).resolve(file)).isRegularFile();
      }
    }
    for (String agency : AGENCIES) {
      for (String suffix : List.of(".crt", ".key", "-encryption.crt", "-encryption.key")) {
        assertThat(out.resolve(agency + suffix)).isRegularFile();
      }
    }
    assertThat(out.resolve("pseudonym-keys/k1.key")).doesNotExist();
    for (String pair : List.of("kg-kz", "kg-tj", "kz-tj")) {
      assertThat(Files.readString(out.resolve("pseudonym-keys/" + pair + "/k1.key")).strip())
          .matches("[0-9a-f]{64}");
    }
    try (Stream<Path> partnerships = Files.list(out.resolve("pseudonym-keys"))) {
      assertThat(partnerships.map(dir -> dir.getFileName().toString()))
          .containsExactlyInAnyOrder("kg-kz", "kg-tj", "kz-tj");
    }
    assertThat(Files.readString(out.resolve("kz/node-signing.key")))
        .startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(out.resolve("tj/node-tls.pem")))
        .isEqualTo(
            Files.readString(out.resolve("tj/node-tls.key"))
                + Files.readString(out.resolve("tj/node-tls.crt")));
  }

  @Test
  void eachPartnershipGetsItsOwnPseudonymKey() throws Exception {
    Path out = temp.resolve("certs");
    run("pki", "generate", "--out", out.toString());

    assertThat(
            Stream.of("kg-kz", "kg-tj", "kz-tj")
                .map(pair -> read(out.resolve("pseudonym-keys/" + pair + "/k1.key")))
                .distinct())
        .hasSize(3);
  }

  @Test
  void generatesOnlyTheGivenNodesAndTheirPartnership() {
    Path out = temp.resolve("certs");

    assertThat(run("pki", "generate", "--out", out.toString(), "--nodes", "kz,kg")).isZero();

    assertThat(out.resolve("kz/ca.crt")).isRegularFile();
    assertThat(out.resolve("kg/ca.crt")).isRegularFile();
    assertThat(out.resolve("tj")).doesNotExist();
    assertThat(out.resolve("pseudonym-keys/kg-kz/k1.key")).isRegularFile();
    assertThat(out.resolve("pseudonym-keys/kz-tj")).doesNotExist();
    assertThat(run("pki", "generate", "--out", out.toString(), "--nodes", "kz,uz")).isEqualTo(2);
  }

  @Test
  void namesNodeAndAgencyCertificatesDistinctly() {
    Path out = temp.resolve("certs");
    run("pki", "generate", "--out", out.toString());

    var node =
        KopirNames.SubjectName.of(PemFiles.readCertificate(out.resolve("kg/node-signing.crt")));
    var agency =
        KopirNames.SubjectName.of(PemFiles.readCertificate(out.resolve("kg/agencies/kg-cpd.crt")));
    var tls = PemFiles.readCertificate(out.resolve("kg/node-tls.crt"));

    assertThat(node.isNode("kg", "KG")).isTrue();
    assertThat(node.isAgency()).isFalse();
    assertThat(agency.isAgency()).isTrue();
    assertThat(agency.commonName()).isEqualTo("kg-cpd");
    assertThat(agency.isNode("kg", "KG")).isFalse();
    assertThat(tls.getSubjectX500Principal().getName())
        .isEqualTo("CN=kopir-node-kg,OU=node,O=Kopir,C=KG");
  }

  @Test
  void namesTheTjNodeAndAgenciesWithItsCountry() throws Exception {
    Path out = temp.resolve("certs");
    run("pki", "generate", "--out", out.toString());

    for (String file : List.of("tj/node-tls.crt", "tj/node-signing.crt")) {
      assertThat(PemFiles.readCertificate(out.resolve(file)).getSubjectX500Principal().getName())
          .isEqualTo("CN=kopir-node-tj,OU=node,O=Kopir,C=TJ");
    }
    assertThat(
            PemFiles.readCertificate(out.resolve("tj/node-audit.crt"))
                .getSubjectX500Principal()
                .getName())
        .isEqualTo("CN=kopir-node-tj-audit,OU=node,O=Kopir,C=TJ");
    assertThat(
            PemFiles.readCertificate(out.resolve("tj/ca.crt")).getSubjectX500Principal().getName())
        .isEqualTo("CN=Kopir TJ Root CA,OU=ca,O=Kopir,C=TJ");
    var signing =
        KopirNames.SubjectName.of(PemFiles.readCertificate(out.resolve("tj/node-signing.crt")));
    assertThat(signing.isNode("tj", "TJ")).isTrue();
    for (String agency : List.of("tj-cpc", "tj-dushanbe-guardianship")) {
      for (String file : List.of(agency, agency + "-encryption")) {
        var name =
            KopirNames.SubjectName.of(
                PemFiles.readCertificate(out.resolve("tj/agencies/" + file + ".crt")));
        assertThat(name.isAgency()).isTrue();
        assertThat(name.commonName()).isEqualTo(agency);
        assertThat(name.country()).isEqualTo("TJ");
      }
    }
    assertThat(
            PemFiles.readCertificate(out.resolve("tj/node-tls.crt")).getSubjectAlternativeNames())
        .extracting(san -> (Object) san.get(1))
        .containsExactlyInAnyOrder("localhost", "127.0.0.1", "tj");
    CertificateAuthority ca = CertificateAuthority.load(out.resolve("tj"));
    PemFiles.readCertificate(out.resolve("tj/node-signing.crt"))
        .verify(ca.certificate().getPublicKey());
  }

  @Test
  void refusesToOverwriteAnExistingPkiWithoutForce() throws Exception {
    Path out = temp.resolve("certs");
    run("pki", "generate", "--out", out.toString());
    String before = Files.readString(out.resolve("kz/ca.crt"));
    String key = Files.readString(out.resolve("pseudonym-keys/kg-kz/k1.key"));

    assertThat(run("pki", "generate", "--out", out.toString())).isNotZero();
    assertThat(Files.readString(out.resolve("kz/ca.crt"))).isEqualTo(before);
    assertThat(Files.readString(out.resolve("pseudonym-keys/kg-kz/k1.key"))).isEqualTo(key);
    assertThat(run("pki", "generate", "--out", out.toString(), "--force")).isZero();
    assertThat(Files.readString(out.resolve("kz/ca.crt"))).isNotEqualTo(before);
    assertThat(Files.readString(out.resolve("pseudonym-keys/kg-kz/k1.key"))).isNotEqualTo(key);
  }

  @Test
  void addsACountryWithoutTouchingTheOthers() throws Exception {
    Path out = temp.resolve("certs");
    assertThat(run("pki", "generate", "--out", out.toString(), "--nodes", "kz,kg")).isZero();
    Map<Path, String> before = contents(out);

    assertThat(run("pki", "generate", "--out", out.toString(), "--nodes", "tj", "--add")).isZero();

    Map<Path, String> after = contents(out);
    assertThat(after).containsAllEntriesOf(before);
    assertThat(after.keySet())
        .filteredOn(file -> !before.containsKey(file))
        .allMatch(file -> file.startsWith("tj") || file.startsWith("pseudonym-keys"))
        .contains(
            Path.of("tj/ca.crt"),
            Path.of("tj/node-tls.pem"),
            Path.of("tj/agencies/tj-cpc-encryption.key"),
            Path.of("tj/agencies/tj-dushanbe-guardianship-encryption.key"),
            Path.of("pseudonym-keys/kg-tj/k1.key"),
            Path.of("pseudonym-keys/kz-tj/k1.key"));
    assertThat(
            Stream.of("kg-kz", "kg-tj", "kz-tj")
                .map(pair -> after.get(Path.of("pseudonym-keys", pair, "k1.key")))
                .distinct())
        .hasSize(3);
    KopirNames.SubjectName tj =
        KopirNames.SubjectName.of(PemFiles.readCertificate(out.resolve("tj/node-signing.crt")));
    assertThat(tj.isNode("tj", "TJ")).isTrue();
  }

  @Test
  void addingRefusesToReplaceACountryAndKeepsExistingPseudonymKeys() throws Exception {
    Path out = temp.resolve("certs");
    run("pki", "generate", "--out", out.toString(), "--nodes", "kz,kg");
    Files.createDirectories(out.resolve("pseudonym-keys/kg-tj"));
    Files.writeString(out.resolve("pseudonym-keys/kg-tj/k1.key"), "shared earlier\n");
    Map<Path, String> before = contents(out);

    assertThat(run("pki", "generate", "--out", out.toString(), "--nodes", "kz", "--add"))
        .isEqualTo(1);
    assertThat(run("pki", "generate", "--out", out.toString(), "--nodes", "tj,kz", "--add"))
        .isEqualTo(1);
    assertThat(run("pki", "generate", "--out", out.toString(), "--nodes", "tj", "--add", "--force"))
        .isEqualTo(2);
    assertThat(contents(out)).isEqualTo(before);

    assertThat(run("pki", "generate", "--out", out.toString(), "--nodes", "tj", "--add")).isZero();
    assertThat(Files.readString(out.resolve("pseudonym-keys/kg-tj/k1.key")))
        .isEqualTo("shared earlier\n");
    assertThat(out.resolve("pseudonym-keys/kz-tj/k1.key")).isRegularFile();
  }

  @Test
  void addingToAnEmptyDirectoryWritesTheNewCountriesAndTheirPartnership() {
    Path out = temp.resolve("certs");

    assertThat(run("pki", "generate", "--out", out.toString(), "--nodes", "kg,tj", "--add"))
        .isZero();

    assertThat(out.resolve("kg/ca.crt")).isRegularFile();
    assertThat(out.resolve("tj/ca.crt")).isRegularFile();
    assertThat(out.resolve("pseudonym-keys/kg-tj/k1.key")).isRegularFile();
    assertThat(out.resolve("kz")).doesNotExist();
  }

  /** Every file under {@code root} by its relative path. */
  private static Map<Path, String> contents(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .collect(Collectors.toMap(root::relativize, PkiCommandTest::read));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void revokeAddsACertificateToTheCrlAndKeepsEarlierEntries() {
    Path out = temp.resolve("certs");
    run("pki", "generate", "--out", out.toString());
    var signing = PemFiles.readCertificate(out.resolve("kz/node-signing.crt"));
    var audit = PemFiles.readCertificate(out.resolve("kz/node-audit.crt"));

    run(
        "pki",
        "revoke",
        "--ca-dir",
        out.resolve("kz").toString(),
        "--cert",
        out.resolve("kz/node-signing.crt").toString());
    run(
        "pki",
        "revoke",
        "--ca-dir",
        out.resolve("kz").toString(),
        "--cert",
        out.resolve("kz/node-audit.crt").toString());

    var crl = PemFiles.readCrl(out.resolve("kz/crl.pem"));
    assertThat(crl.isRevoked(signing)).isTrue();
    assertThat(crl.isRevoked(audit)).isTrue();
  }

  @Test
  void renewIssuesNewNodeCertificatesThatARunningNodeTakesOnReload() throws Exception {
    Path out = temp.resolve("certs");
    run("pki", "generate", "--out", out.toString());
    CryptoProperties properties = new CryptoProperties();
    properties.setCertsDir(out);
    var node = org.kopir.gateway.testsupport.TestPartners.node("kz");
    CryptoMaterial kz =
        new CryptoMaterial(
            properties, node, org.kopir.gateway.testsupport.TestPartners.partners(node));
    var before = kz.nodeCredentials();

    int status = run("pki", "renew", "--ca-dir", out.resolve("kz").toString(), "--node", "kz");
    var reload = new NodeCredentialRollover(kz, List.of(), java.time.Clock.systemUTC()).reload();

    assertThat(status).isZero();
    assertThat(reload.signingChanged()).isTrue();
    assertThat(reload.tlsChanged()).isTrue();
    assertThat(kz.signing().certificate().getSubjectX500Principal())
        .isEqualTo(before.signing().certificate().getSubjectX500Principal());
    assertThat(kz.tls().certificate().getSubjectAlternativeNames())
        .containsExactlyElementsOf(before.tls().certificate().getSubjectAlternativeNames());
    assertThat(read(out.resolve("kz/node-tls.pem")))
        .contains(read(out.resolve("kz/node-tls.crt")).strip());
  }
}
