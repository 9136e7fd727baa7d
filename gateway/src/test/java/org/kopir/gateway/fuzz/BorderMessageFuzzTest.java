package org.kopir.gateway.fuzz;

import static org.kopir.gateway.error.ErrorCode.BAD_SIGNATURE;
import static org.kopir.gateway.error.ErrorCode.CERTIFICATE_EXPIRED;
import static org.kopir.gateway.error.ErrorCode.MALFORMED_JSON;
import static org.kopir.gateway.error.ErrorCode.PAYLOAD_TOO_LARGE;
import static org.kopir.gateway.error.ErrorCode.SCHEMA_VIOLATION;
import static org.kopir.gateway.error.ErrorCode.SENDER_MISMATCH;
import static org.kopir.gateway.error.ErrorCode.STALE_MESSAGE;
import static org.kopir.gateway.error.ErrorCode.UNSUPPORTED_MEDIA_TYPE;
import static org.kopir.gateway.error.ErrorCode.UNTRUSTED_CERTIFICATE;
import static org.kopir.gateway.error.ErrorCode.WRONG_RECIPIENT_NODE;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kopir.gateway.crypto.VerifiedMessage;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.json.IntakeProperties;
import org.kopir.gateway.json.JsonBodyReader;
import org.kopir.gateway.validation.EnvelopeHeader;

/**
 * The border API's bodies as the partner node sends them (HTTPS, and the JSON text of the SOAP and
 * JMS border channels): {@code POST /border/v1/messages} is read by {@link JsonBodyReader}, then
 * verified by {@code SignedMessageVerifier} and its header read, as {@code BorderIntake} does;
 * {@code POST /border/v1/receipts} is read and verified as {@code ReceiptIntake} does. Documented
 * refusals: the reader's and those of {@code SignedMessageVerifier} (docs/security.md, "Order of
 * checks on receipt").
 */
class BorderMessageFuzzTest {

  static final Set<ErrorCode> MESSAGE_REFUSALS =
      Contract.codes(
          MALFORMED_JSON,
          PAYLOAD_TOO_LARGE,
          UNSUPPORTED_MEDIA_TYPE,
          BAD_SIGNATURE,
          UNTRUSTED_CERTIFICATE,
          CERTIFICATE_EXPIRED,
          WRONG_RECIPIENT_NODE,
          SENDER_MISMATCH,
          SCHEMA_VIOLATION,
          STALE_MESSAGE);

  static final Set<ErrorCode> RECEIPT_REFUSALS =
      Contract.codes(
          MALFORMED_JSON,
          PAYLOAD_TOO_LARGE,
          BAD_SIGNATURE,
          UNTRUSTED_CERTIFICATE,
          CERTIFICATE_EXPIRED,
          SCHEMA_VIOLATION,
          STALE_MESSAGE);

  static final JsonBodyReader READER = new JsonBodyReader(new IntakeProperties());

  /** Signed messages made now with this run's PKI: valid, signed by the wrong node, a receipt. */
  static Stream<Arguments> messages() {
    Fixtures.Pki pki = Fixtures.pki();
    ObjectNode fromKg = Fixtures.referralFromKg();
    return Stream.of(
            pki.kgSigner().signMessage(fromKg),
            pki.kzSigner().signMessage(fromKg),
            pki.kgSigner().signMessage(Fixtures.referralFromKz()),
            pki.kgSigner().signReceipt(Fixtures.receiptFromKg(fromKg, "DELIVERED")))
        .map(signed -> Arguments.of(Fixtures.json(signed)));
  }

  static Stream<Arguments> receipts() {
    Fixtures.Pki pki = Fixtures.pki();
    ObjectNode envelope = Fixtures.referralFromKz();
    return Stream.of(
            pki.kgSigner().signReceipt(Fixtures.receiptFromKg(envelope, "DELIVERED")),
            pki.kgSigner().signReceipt(Fixtures.receiptFromKg(envelope, "RETRIEVED")),
            pki.kzSigner().signReceipt(Fixtures.receiptFromKg(envelope, "DELIVERED")),
            pki.kgSigner().signMessage(Fixtures.referralFromKg()))
        .map(signed -> Arguments.of(Fixtures.json(signed)));
  }

  /** Verifies a signed message received by kz and reads its header, as BorderIntake does. */
  static void verifyMessage(ObjectNode signed) {
    VerifiedMessage verified = Fixtures.pki().kzVerifier().verifyMessage(signed);
    EnvelopeHeader.read(verified.envelope());
  }

  @MethodSource("messages")
  @FuzzTest
  @Timeout(value = Fixtures.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void signedMessage(byte[] body) throws Exception {
    Contract.refusesOnlyWith(
        MESSAGE_REFUSALS, () -> verifyMessage(READER.read(body, "application/json")));
  }

  @MethodSource("receipts")
  @FuzzTest
  @Timeout(value = Fixtures.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void signedReceipt(byte[] body) throws Exception {
    Contract.refusesOnlyWith(
        RECEIPT_REFUSALS,
        () -> Fixtures.pki().kzVerifier().verifyReceipt(READER.read(body, "application/json")));
  }
}
