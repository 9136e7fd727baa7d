package org.kopir.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.cli.KopirCommand;
import picocli.CommandLine;

class PkiCommandTest {

  @TempDir Path temp;

  private int run(String... args) {
    return new CommandLine(new KopirCommand()).execute(args);
  }

  @Test
  void generatesTheDocumentedLayout() throws Exception {
    Path out = temp.resolve("certs");

    assertThat(run("pki", "generate", "--out", out.toString())).isZero();

    for (String node : List.of("kz", "kg")) {
      for (String file :
          List.of(
              "ca.crt",
              "ca.key",
              "crl.pem",
              "node-tls.crt",
              "node-tls.key",
              "node-signing.crt",
              "node-signing.key",
              "node-audit.crt",
              "node-audit.key")) {
        assertThat(out.resolve(node).resolve(file)).isRegularFile();
      }
    }
    for (String agency :
        List.of(
            "kz/agencies/kz-cpc",
            "kz/agencies/kz-almaty-guardianship",
            "kg/agencies/kg-cpd",
            "kg/agencies/kg-bishkek-guardianship")) {
      assertThat(out.resolve(agency + ".crt")).isRegularFile();
      assertThat(out.resolve(agency + "-encryption.key")).isRegularFile();
    }
    assertThat(Files.readString(out.resolve("pseudonym-keys/k1.key")).strip())
        .matches("[0-9a-f]{64}");
    assertThat(Files.readString(out.resolve("kz/node-signing.key")))
        .startsWith("-----BEGIN PRIVATE KEY-----");
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
  void refusesToOverwriteAnExistingPkiWithoutForce() throws Exception {
    Path out = temp.resolve("certs");
    run("pki", "generate", "--out", out.toString());
    String before = Files.readString(out.resolve("kz/ca.crt"));

    assertThat(run("pki", "generate", "--out", out.toString())).isNotZero();
    assertThat(Files.readString(out.resolve("kz/ca.crt"))).isEqualTo(before);
    assertThat(run("pki", "generate", "--out", out.toString(), "--force")).isZero();
    assertThat(Files.readString(out.resolve("kz/ca.crt"))).isNotEqualTo(before);
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
}
