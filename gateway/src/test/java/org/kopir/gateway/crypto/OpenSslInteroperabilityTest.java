package org.kopir.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stock OpenSSL and this node agree on the wire formats (SPEC §3, §4), using the commands from
 * docs/security.md. Runs whenever an {@code openssl} binary is on the PATH.
 */
class OpenSslInteroperabilityTest {

  private static String openssl;

  @TempDir Path temp;

  private DevPkiFixture pki;

  @BeforeAll
  static void findOpenSsl() {
    openssl = onPath("openssl");
    assumeThat(openssl).as("openssl on PATH").isNotNull();
  }

  @BeforeEach
  void setUp() {
    pki = new DevPkiFixture(temp.resolve("pki"));
  }

  @Test
  void openSslVerifiesOurMessageSignatureWithOnlyTheSenderCaCertificate() throws Exception {
    ObjectNode signed =
        pki.signer("kz").signMessage(DevPkiFixture.envelope(DevPkiFixture.NOW.minusSeconds(5)));
    Path envelope = write("envelope.jcs", Canonicalizer.canonicalBytes(signed.get("envelope")));
    Path signature = write("sig.der", base64(signed.at("/signature/value").asText()));

    Result result =
        run(
            openssl,
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            signature.toString(),
            "-content",
            envelope.toString(),
            "-CAfile",
            ca("kz"),
            "-purpose",
            "any",
            "-out",
            temp.resolve("verified.out").toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("Verification successful");
    assertThat(Files.readAllBytes(temp.resolve("verified.out")))
        .isEqualTo(Files.readAllBytes(envelope));
  }

  @Test
  void openSslRefusesOurSignatureOverAChangedEnvelope() throws Exception {
    ObjectNode signed =
        pki.signer("kz").signMessage(DevPkiFixture.envelope(DevPkiFixture.NOW.minusSeconds(5)));
    byte[] canonical = Canonicalizer.canonicalBytes(signed.get("envelope"));
    canonical[canonical.length - 3] ^= 0x01;

    Result result =
        run(
            openssl,
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            write("sig.der", base64(signed.at("/signature/value").asText())).toString(),
            "-content",
            write("envelope.jcs", canonical).toString(),
            "-CAfile",
            ca("kz"),
            "-purpose",
            "any",
            "-out",
            temp.resolve("verified.out").toString());

    assertThat(result.exitCode()).isNotZero();
  }

  @Test
  void openSslShowsTheSignedAttributesTheSpecRequires() throws Exception {
    ObjectNode signed =
        pki.signer("kz").signMessage(DevPkiFixture.envelope(DevPkiFixture.NOW.minusSeconds(5)));
    Result result =
        run(
            openssl,
            "cms",
            "-cmsout",
            "-print",
            "-inform",
            "DER",
            "-in",
            write("sig.der", base64(signed.at("/signature/value").asText())).toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains(
            "contentType", "messageDigest", "signingTime", "id-smime-aa-signingCertificateV2");
  }

  @Test
  void openSslDecryptsOurIdentityBlockWithTheAgencyKey() throws Exception {
    ObjectNode block =
        new IdentityBlockCipher(pki.material("kz"), pki.clock)
            .seal(IdentityBlockCipherTest.identity(), "kg", "kg-cpd");
    Path der = write("block.der", base64(block.get("value").asText()));

    Result result =
        run(
            openssl,
            "cms",
            "-decrypt",
            "-inform",
            "DER",
            "-in",
            der.toString(),
            "-recip",
            pki.root.resolve("kg/agencies/kg-cpd-encryption.crt").toString(),
            "-inkey",
            pki.root.resolve("kg/agencies/kg-cpd-encryption.key").toString(),
            "-out",
            temp.resolve("identity.json").toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(new ObjectMapper().readTree(temp.resolve("identity.json").toFile()))
        .isEqualTo(IdentityBlockCipherTest.identity());
    assertThat(Files.readAllBytes(temp.resolve("identity.json")))
        .isEqualTo(Canonicalizer.canonicalBytes(IdentityBlockCipherTest.identity()));
  }

  @Test
  void ourVerifierAcceptsAMessageOpenSslSignedWithDefaultAttributes() throws Exception {
    assertOpenSslSignatureAccepted(List.of());
  }

  @Test
  void ourVerifierAcceptsAMessageOpenSslSignedWithCadesAttributes() throws Exception {
    assertOpenSslSignatureAccepted(List.of("-cades"));
  }

  @Test
  void ourVerifierRefusesAnOpenSslSignatureByAnAgencyKey() throws Exception {
    ObjectNode envelope = DevPkiFixture.envelope(DevPkiFixture.NOW.minusSeconds(5));
    Path content = write("envelope.jcs", Canonicalizer.canonicalBytes(envelope));
    Result result =
        run(
            openssl,
            "cms",
            "-sign",
            "-binary",
            "-outform",
            "DER",
            "-in",
            content.toString(),
            "-signer",
            pki.root.resolve("kz/agencies/kz-cpc.crt").toString(),
            "-inkey",
            pki.root.resolve("kz/agencies/kz-cpc.key").toString(),
            "-md",
            "sha256",
            "-out",
            temp.resolve("sig.der").toString());
    assertThat(result.exitCode()).as(result.output()).isZero();

    ObjectNode signed =
        SignedJson.wrap("envelope", envelope, Files.readAllBytes(temp.resolve("sig.der")));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> pki.verifier("kg").verifyMessage(signed))
        .isInstanceOfSatisfying(
            org.kopir.gateway.error.KopirException.class,
            e ->
                assertThat(e.code())
                    .isEqualTo(org.kopir.gateway.error.ErrorCode.UNTRUSTED_CERTIFICATE));
  }

  @Test
  void openSslValidatesTheGeneratedCertificatesAgainstTheirCaAndCrl() throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                openssl,
                "verify",
                "-CAfile",
                ca("kg"),
                "-crl_check",
                "-CRLfile",
                pki.root.resolve("kg/crl.pem").toString()));
    for (String name : List.of("node-tls", "node-signing", "node-audit")) {
      command.add(pki.root.resolve("kg/" + name + ".crt").toString());
    }
    for (String name : List.of("kg-cpd", "kg-cpd-encryption", "kg-bishkek-guardianship")) {
      command.add(pki.root.resolve("kg/agencies/" + name + ".crt").toString());
    }

    Result result = run(command.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output().lines().filter(line -> line.endsWith(": OK")).count()).isEqualTo(6);
  }

  @Test
  void jqProducesTheCanonicalEnvelopeBytesTheDocumentedCommandsUse() throws Exception {
    String jq = onPath("jq");
    assumeThat(jq).as("jq on PATH").isNotNull();
    ObjectNode signed =
        pki.signer("kz").signMessage(DevPkiFixture.envelope(DevPkiFixture.NOW.minusSeconds(5)));
    Path json = write("signed.json", signed.toPrettyString().getBytes(StandardCharsets.UTF_8));

    Result result = run(jq, "-cjS", ".envelope", json.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.output().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(Canonicalizer.canonicalBytes(signed.get("envelope")));
  }

  private void assertOpenSslSignatureAccepted(List<String> extra) throws Exception {
    ObjectNode envelope = DevPkiFixture.envelope(DevPkiFixture.NOW.minusSeconds(5));
    Path content = write("envelope.jcs", Canonicalizer.canonicalBytes(envelope));
    List<String> command =
        new ArrayList<>(
            List.of(
                openssl,
                "cms",
                "-sign",
                "-binary",
                "-outform",
                "DER",
                "-in",
                content.toString(),
                "-signer",
                pki.root.resolve("kz/node-signing.crt").toString(),
                "-inkey",
                pki.root.resolve("kz/node-signing.key").toString(),
                "-certfile",
                ca("kz"),
                "-md",
                "sha256",
                "-out",
                temp.resolve("sig.der").toString()));
    command.addAll(extra);
    Result result = run(command.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.output()).isZero();

    ObjectNode signed =
        SignedJson.wrap("envelope", envelope, Files.readAllBytes(temp.resolve("sig.der")));
    VerifiedMessage verified = pki.verifier("kg").verifyMessage(signed);

    assertThat(verified.envelope()).isEqualTo(envelope);
    assertThat(verified.signerSubject()).isEqualTo("CN=kopir-node-kz,OU=node,O=Kopir,C=KZ");
  }

  private String ca(String node) {
    return pki.root.resolve(node).resolve("ca.crt").toString();
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(temp.resolve(name), bytes);
  }

  private static byte[] base64(String text) {
    return Base64.getDecoder().decode(text);
  }

  record Result(int exitCode, String output) {}

  private static Result run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  private static String onPath(String binary) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String directory : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(directory, binary);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
