package org.kopir.gateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kopir.gateway.crypto.SignedJson;

/**
 * CMS SignedData verification of border messages, one layer down from {@link
 * BorderMessageFuzzTest}: the fuzzer writes the DER of the detached signature itself (ASN.1, signer
 * infos, signed attributes, embedded certificates, which the PKIX path to the partner CA then
 * judges), or the envelope that a valid partner signature covers (the checks after the signature:
 * recipient, sender, freshness, header). Documented refusals: {@link
 * BorderMessageFuzzTest#MESSAGE_REFUSALS}.
 */
class CmsSignedDataFuzzTest {

  private static final ObjectNode ENVELOPE = Fixtures.referralFromKg();

  /** Detached signatures over {@link #ENVELOPE}: the partner's, the wrong node's, a receipt's. */
  static Stream<Arguments> signatures() {
    Fixtures.Pki pki = Fixtures.pki();
    return Stream.of(
            pki.kgSigner().signMessage(ENVELOPE),
            pki.kzSigner().signMessage(ENVELOPE),
            pki.kgSigner().signMessage(Fixtures.referralFromKz()),
            pki.kgSigner().signReceipt(Fixtures.receiptFromKg(ENVELOPE, "DELIVERED")))
        .map(
            signed ->
                Arguments.of(
                    Base64.getDecoder().decode(signed.path("signature").path("value").asText())));
  }

  /** Envelopes the partner signs: the sample referral both ways, and each docs/examples file. */
  static Stream<Arguments> envelopes() {
    return Stream.concat(
            Stream.of(Fixtures.json(ENVELOPE), Fixtures.json(Fixtures.referralFromKz())),
            Fixtures.files(java.nio.file.Path.of("docs/examples")))
        .map(Arguments::of);
  }

  @MethodSource("signatures")
  @FuzzTest
  @Timeout(value = Fixtures.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void detachedSignature(byte[] der) throws Exception {
    Contract.refusesOnlyWith(
        BorderMessageFuzzTest.MESSAGE_REFUSALS,
        () -> BorderMessageFuzzTest.verifyMessage(SignedJson.wrap("envelope", ENVELOPE, der)));
  }

  @MethodSource("envelopes")
  @FuzzTest
  @Timeout(value = Fixtures.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void signedEnvelope(byte[] json) throws Exception {
    Contract.refusesOnlyWith(
        BorderMessageFuzzTest.MESSAGE_REFUSALS,
        () -> {
          ObjectNode envelope = BorderMessageFuzzTest.READER.read(json, "application/json");
          BorderMessageFuzzTest.verifyMessage(Fixtures.pki().kgSigner().signMessage(envelope));
        });
  }
}
