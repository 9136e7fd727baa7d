package org.kopir.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;

class IdentityBlockCipherTest {

  @TempDir Path temp;

  private DevPkiFixture pki;
  private IdentityBlockCipher kzCipher;
  private IdentityBlockCipher kgCipher;

  @BeforeEach
  void setUp() {
    pki = new DevPkiFixture(temp.resolve("pki"));
    kzCipher = new IdentityBlockCipher(pki.material("kz"), pki.clock);
    kgCipher = new IdentityBlockCipher(pki.material("kg"), pki.clock);
  }

  static ObjectNode identity() {
    ObjectNode plaintext = JsonNodeFactory.instance.objectNode();
    ObjectNode child = plaintext.putObject("child");
    child.put("familyName", "Нурланова");
    child.put("givenName", "Айгерим");
    child.put("nationalId", "150302600126");
    return plaintext;
  }

  @Test
  void sealsToThePartnerAgencyAndTheRevealingNodeOpensIt() {
    ObjectNode block = kzCipher.seal(identity(), "kg", "kg-cpd");

    assertThat(block.get("format").asText()).isEqualTo("cms-auth-enveloped-v1");
    assertThat(block.get("recipient").asText()).isEqualTo("kg-cpd");
    assertThat(kgCipher.open(block)).isEqualTo(identity());
  }

  @Test
  void keepsNoPlaintextInTheBlock() {
    ObjectNode block = kzCipher.seal(identity(), "kg", "kg-cpd");
    String der =
        new String(Base64.getDecoder().decode(block.get("value").asText()), StandardCharsets.UTF_8);

    assertThat(block.toString()).doesNotContain("150302600126");
    assertThat(der).doesNotContain("150302600126").doesNotContain("nationalId");
  }

  @Test
  void anEndToEndAgencyBlockCannotBeOpenedByTheNode() {
    ObjectNode block = kzCipher.seal(identity(), "kg", "kg-bishkek-guardianship");

    assertThatThrownBy(() -> kgCipher.open(block))
        .isInstanceOfSatisfying(
            KopirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_RECIPIENT));
  }

  @Test
  void refusesToSealForAnAgencyWithoutCertificate() {
    assertThatThrownBy(() -> kzCipher.seal(identity(), "kg", "kg-unknown"))
        .isInstanceOfSatisfying(
            KopirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_RECIPIENT));
  }

  @Test
  void refusesAnAlteredBlock() {
    ObjectNode block = kzCipher.seal(identity(), "kg", "kg-cpd");
    byte[] der = Base64.getDecoder().decode(block.get("value").asText());
    der[der.length - 20] ^= 0x01;
    block.put("value", Base64.getEncoder().encodeToString(der));

    assertThatThrownBy(() -> kgCipher.open(block))
        .isInstanceOfSatisfying(
            KopirException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNREADABLE_IDENTITY_BLOCK);
              assertThat(e.getMessage()).doesNotContain("150302600126");
            });
  }

  @Test
  void refusesABlockRelabelledForAnotherAgency() {
    ObjectNode block = kzCipher.seal(identity(), "kg", "kg-bishkek-guardianship");
    block.put("recipient", "kg-cpd");

    assertThatThrownBy(() -> kgCipher.open(block))
        .isInstanceOfSatisfying(
            KopirException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREADABLE_IDENTITY_BLOCK));
  }

  @Test
  void refusesAMalformedBlockWithAPointer() {
    ObjectNode block = kzCipher.seal(identity(), "kg", "kg-cpd");
    block.put("format", "pgp");

    assertThatThrownBy(() -> kgCipher.open(block))
        .isInstanceOfSatisfying(
            KopirException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA_VIOLATION);
              assertThat(e.errors().get(0).pointer()).isEqualTo("/protected/format");
            });
  }

  @Test
  void sealsWithRsaOaepToAnRsaEncryptionCertificate() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    var certificate =
        pki.ca("kg")
            .issueFor(
                keys.getPublic(),
                CertificateProfile.AGENCY_ENCRYPTION,
                "kg-cpd",
                List.of(),
                DevPkiFixture.NOW.minus(Duration.ofDays(1)),
                DevPkiFixture.NOW.plus(Duration.ofDays(30)));

    ObjectNode block = IdentityBlockCipher.sealTo(identity(), "kg-cpd", certificate);

    assertThat(IdentityBlockCipher.open(block, keys.getPrivate(), certificate))
        .isEqualTo(identity());
  }
}
