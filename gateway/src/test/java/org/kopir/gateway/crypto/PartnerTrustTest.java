package org.kopir.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.testsupport.TestPartners;

/**
 * A partner's CA rolls over: while kg's old and new CA are both trust anchors at kz, messages
 * signed under either verify; with the old one alone, the new CA's signatures are refused.
 */
class PartnerTrustTest {

  @TempDir Path dir;

  @Test
  void duringACaRolloverBothTheOldAndTheNewCaAreTrusted() {
    DevPkiFixture old = new DevPkiFixture(dir.resolve("old"));
    DevPkiFixture rolled = new DevPkiFixture(dir.resolve("new"));
    ObjectNode underOld = old.signer("kg").signMessage(fromKg());
    ObjectNode underNew = rolled.signer("kg").signMessage(fromKg());

    SignedMessageVerifier both =
        kzTrusting(
            old,
            List.of(old.root.resolve("kg/ca.crt"), rolled.root.resolve("kg/ca.crt")),
            List.of(rolled.root.resolve("kg/crl.pem"), old.root.resolve("kg/crl.pem")));
    SignedMessageVerifier oldOnly =
        kzTrusting(
            old, List.of(old.root.resolve("kg/ca.crt")), List.of(old.root.resolve("kg/crl.pem")));

    assertThat(both.verifyMessage(underOld).signerNode()).isEqualTo("kg");
    assertThat(both.verifyMessage(underNew).signerNode()).isEqualTo("kg");
    assertThat(oldOnly.verifyMessage(underOld).signerNode()).isEqualTo("kg");
    assertThatThrownBy(() -> oldOnly.verifyMessage(underNew))
        .isInstanceOf(KopirException.class)
        .extracting(e -> ((KopirException) e).code())
        .isEqualTo(ErrorCode.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void aTrustAnchorWithoutItsCrlStopsTheNode() {
    DevPkiFixture old = new DevPkiFixture(dir.resolve("old"));
    DevPkiFixture rolled = new DevPkiFixture(dir.resolve("new"));

    assertThatThrownBy(
            () ->
                kzTrusting(
                    old,
                    List.of(old.root.resolve("kg/ca.crt"), rolled.root.resolve("kg/ca.crt")),
                    List.of(old.root.resolve("kg/crl.pem"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no CRL signed by the partner CA");
  }

  @Test
  void aPartnerSigningForAnotherPartnersCountryIsASenderMismatch() {
    DevPkiFixture pki = new DevPkiFixture(dir.resolve("pki"));
    ObjectNode underKg = pki.signer("kg").signMessage(fromKg());

    // tj's node key signs a message claiming kg's country: the signer is tj, not kg.
    ObjectNode underTj = pki.signer("tj").signMessage(fromKg());

    assertThat(pki.verifier("kz").verifyMessage(underKg).signerNode()).isEqualTo("kg");
    assertThatThrownBy(() -> pki.verifier("kz").verifyMessage(underTj))
        .isInstanceOf(KopirException.class)
        .extracting(e -> ((KopirException) e).code())
        .isEqualTo(ErrorCode.SENDER_MISMATCH);
  }

  private static SignedMessageVerifier kzTrusting(
      DevPkiFixture own, List<Path> anchors, List<Path> crls) {
    NodeProperties kz = TestPartners.node("kz");
    kz.getPartners().get("kg").setTrustAnchors(anchors);
    kz.getPartners().get("kg").setCrls(crls);
    CryptoMaterial material =
        new CryptoMaterial(own.cryptoProperties(), kz, TestPartners.partners(kz));
    return new SignedMessageVerifier(material, own.cryptoProperties(), own.clock);
  }

  private static ObjectNode fromKg() {
    ObjectNode envelope = DevPkiFixture.envelope(DevPkiFixture.NOW);
    ObjectNode header = (ObjectNode) envelope.get("header");
    header.putObject("sender").put("country", "KG").put("agency", "kg-cpd");
    header.putObject("recipient").put("country", "KZ").put("agency", "kz-cpc");
    return envelope;
  }
}
