package org.kopir.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Either provider may do a node's elliptic-curve work and the partner may have chosen the other:
 * signatures, verifications and identity blocks interoperate in every combination.
 */
class EcProviderTest {

  @TempDir Path temp;

  private DevPkiFixture pki;

  @BeforeEach
  void setUp() {
    pki = new DevPkiFixture(temp.resolve("pki"));
  }

  @ParameterizedTest
  @EnumSource(EcProvider.class)
  void aMessageSignedWithOneProviderVerifiesAtAPartnerUsingEither(EcProvider signing) {
    ObjectNode signed =
        new MessageSigner(pki.material("kz", signing))
            .signMessage(DevPkiFixture.envelope(DevPkiFixture.NOW.minusSeconds(30)));

    for (EcProvider verifying : EcProvider.values()) {
      SignedMessageVerifier verifier =
          new SignedMessageVerifier(
              pki.material("kg", verifying), pki.cryptoProperties(), pki.clock);
      assertThat(verifier.verifyMessage(signed).signerNode())
          .as("verified with " + verifying)
          .isEqualTo("kz");
    }
  }

  @ParameterizedTest
  @EnumSource(EcProvider.class)
  void aSignatureOverOtherBytesFailsWithEitherProvider(EcProvider provider) {
    SigningCredential credential = pki.material("kz").signing();
    byte[] content = "the signed bytes".getBytes(StandardCharsets.UTF_8);
    byte[] signature = CmsSignatures.signDetached(content, credential, provider);

    for (EcProvider verifying : EcProvider.values()) {
      assertThat(CmsSignatures.verifyDetached(content, signature, verifying).signer())
          .isEqualTo(credential.certificate());
      assertThatThrownBy(
              () ->
                  CmsSignatures.verifyDetached(
                      "other bytes".getBytes(StandardCharsets.UTF_8), signature, verifying))
          .isInstanceOf(SignatureCheckException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(EcProvider.class)
  void anIdentityBlockSealedWithEitherProviderOpensAtTheRecipientNode(EcProvider sealing) {
    ObjectNode block =
        new IdentityBlockCipher(pki.material("kz", sealing), pki.clock)
            .seal(IdentityBlockCipherTest.identity(), "kg", "kg-cpd");

    assertThat(new IdentityBlockCipher(pki.material("kg"), pki.clock).open(block))
        .isEqualTo(IdentityBlockCipherTest.identity());
  }

  @Test
  void bouncyCastleSignsWithItsOwnFormOfTheNodesKeyConvertedOnce() {
    PrivateKey loaded = pki.material("kz").signing().privateKey();
    assertThat(loaded).isNotInstanceOf(org.bouncycastle.jce.interfaces.ECPrivateKey.class);

    PrivateKey converted = EcProvider.BOUNCY_CASTLE.signingKey(loaded);

    assertThat(converted).isInstanceOf(org.bouncycastle.jce.interfaces.ECPrivateKey.class);
    assertThat(((ECPrivateKey) converted).getS()).isEqualTo(((ECPrivateKey) loaded).getS());
    assertThat(EcProvider.BOUNCY_CASTLE.signingKey(loaded)).isSameAs(converted);
    assertThat(EcProvider.BOUNCY_CASTLE.signingKey(converted)).isSameAs(converted);
    assertThat(EcProvider.JDK.signingKey(loaded)).isSameAs(loaded);
  }

  @Test
  void anIdentityBlockRecipientIsConvertedOnceAndItsEphemeralKeysNameTheCurve() throws Exception {
    X509Certificate agency =
        pki.material("kz").partner("kg").orElseThrow().agencyCertificate("kg-cpd").orElseThrow();

    BouncyCastle.EcRecipient recipient =
        BouncyCastle.ecRecipient(agency, (ECPublicKey) agency.getPublicKey());

    assertThat(recipient.certificate()).isEqualTo(agency);
    assertThat(recipient.certificate().getPublicKey())
        .isInstanceOf(org.bouncycastle.jce.interfaces.ECPublicKey.class);
    assertThat(recipient.ephemeralKeys())
        .isInstanceOfSatisfying(
            ECGenParameterSpec.class,
            spec -> assertThat(spec.getName()).isEqualTo("1.2.840.10045.3.1.7"));
    assertThat(BouncyCastle.ecRecipient(agency, (ECPublicKey) agency.getPublicKey()))
        .isSameAs(recipient);
  }

  @Test
  void theSettingNamesTheProviderInLowerCaseAndDefaultsToBouncyCastle() {
    assertThat(bind(Map.of()).getEcProvider()).isEqualTo(EcProvider.BOUNCY_CASTLE);
    assertThat(bind(Map.of("kopir.crypto.ec-provider", "jdk")).getEcProvider())
        .isEqualTo(EcProvider.JDK);
    assertThat(bind(Map.of("kopir.crypto.ec-provider", "bouncy-castle")).getEcProvider())
        .isEqualTo(EcProvider.BOUNCY_CASTLE);
  }

  private static CryptoProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bind("kopir.crypto", CryptoProperties.class)
        .orElseGet(CryptoProperties::new);
  }
}
