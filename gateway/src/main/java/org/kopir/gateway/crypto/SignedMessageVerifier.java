package org.kopir.gateway.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Checks what arrives from a partner node before anything else reads it (SPEC §3, §5, §11), in this
 * order: the signed shape, the CMS signature over the canonical bytes, that the signer names a
 * partner node (not an agency), the signer's path to that partner's CA (validity, key usage, CRL),
 * and for messages the recipient country, that the sender's country is the signing partner's (a
 * partner cannot sign for another: {@code SENDER_MISMATCH}) and the replay window on {@code
 * header.sentAt}. The first failure refuses with its code; nothing is returned for a refused input.
 */
@Component
public class SignedMessageVerifier {

  private final CryptoMaterial material;
  private final Duration replayWindow;
  private final Duration clockSkew;
  private final Clock clock;

  @Autowired
  public SignedMessageVerifier(
      CryptoMaterial material, CryptoProperties properties, ObjectProvider<Clock> clock) {
    this(material, properties, clock.getIfAvailable(Clock::systemUTC));
  }

  public SignedMessageVerifier(CryptoMaterial material, CryptoProperties properties, Clock clock) {
    this.material = material;
    this.replayWindow = properties.getReplayWindow();
    this.clockSkew = properties.getClockSkew();
    this.clock = clock;
  }

  /**
   * Verifies a signed message {@code {"envelope": ..., "signature": ...}}.
   *
   * @throws KopirException {@code BAD_SIGNATURE}, {@code UNTRUSTED_CERTIFICATE}, {@code
   *     CERTIFICATE_EXPIRED}, {@code WRONG_RECIPIENT_NODE}, {@code SENDER_MISMATCH}, {@code
   *     SCHEMA_VIOLATION} (header fields needed for the checks missing) or {@code STALE_MESSAGE}
   */
  public VerifiedMessage verifyMessage(JsonNode signedMessage) {
    SignedJson.Parts parts = SignedJson.split(signedMessage, "envelope");
    byte[] canonical = Canonicalizer.canonicalBytes(parts.content());
    SignedBy signed = verifyPartnerSignature(canonical, parts.signature());
    ObjectNode envelope = parts.content();
    requireText(envelope, "/header/recipient/country", "/envelope");
    if (!material.country().equals(envelope.at("/header/recipient/country").asText())) {
      throw new KopirException(
          ErrorCode.WRONG_RECIPIENT_NODE,
          "The message is addressed to another country's node.",
          List.of(new FieldError("/envelope/header/recipient/country", "not this node")));
    }
    requireText(envelope, "/header/sender/country", "/envelope");
    if (!signed.partner().country().equals(envelope.at("/header/sender/country").asText())) {
      throw new KopirException(
          ErrorCode.SENDER_MISMATCH,
          "The signing node does not serve the sender's country.",
          List.of(
              new FieldError("/envelope/header/sender/country", "not the signing node's country")));
    }
    requireFresh(envelope, "/header/sentAt", "/envelope");
    VerifiedSignature signature = signed.signature();
    return new VerifiedMessage(
        envelope,
        signature.signer().getSubjectX500Principal().getName(),
        Canonicalizer.sha256Hex(canonical),
        signature.signingTime() == null ? null : signature.signingTime().toInstant(),
        signed.partner().node());
  }

  /**
   * Verifies a signed receipt {@code {"receipt": ..., "signature": ...}}: signature and signer as
   * for messages, {@code receipt.node} must be the signing partner node and {@code receipt.at}
   * within the replay window. Which partner had to sign it is the caller's check ({@link
   * VerifiedReceipt#signerNode()}).
   */
  public VerifiedReceipt verifyReceipt(JsonNode signedReceipt) {
    SignedJson.Parts parts = SignedJson.split(signedReceipt, "receipt");
    byte[] canonical = Canonicalizer.canonicalBytes(parts.content());
    SignedBy signed = verifyPartnerSignature(canonical, parts.signature());
    VerifiedSignature signature = signed.signature();
    ObjectNode receipt = parts.content();
    requireText(receipt, "/node", "/receipt");
    if (!signed.partner().node().equals(receipt.at("/node").asText())) {
      throw new KopirException(
          ErrorCode.UNTRUSTED_CERTIFICATE,
          "The receipt names another node than its signer.",
          List.of(new FieldError("/receipt/node", "not the signing partner node")));
    }
    requireFresh(receipt, "/at", "/receipt");
    return new VerifiedReceipt(
        receipt,
        signature.signer().getSubjectX500Principal().getName(),
        Canonicalizer.sha256Hex(canonical),
        signed.partner().node());
  }

  /** A verified signature and the partner whose node made it. */
  private record SignedBy(VerifiedSignature signature, PartnerTrust partner) {}

  /** The signature over {@code canonical}, the RFC 8785 bytes of the signed content. */
  private SignedBy verifyPartnerSignature(byte[] canonical, byte[] signatureDer) {
    VerifiedSignature signature;
    try {
      signature = CmsSignatures.verifyDetached(canonical, signatureDer, material.ecProvider());
    } catch (SignerCertificateNotValidException e) {
      throw new KopirException(
          ErrorCode.CERTIFICATE_EXPIRED, "The signer certificate was not valid when it signed.");
    } catch (SignatureCheckException e) {
      throw new KopirException(ErrorCode.BAD_SIGNATURE, "The signature does not verify.");
    }
    KopirNames.SubjectName subject = KopirNames.SubjectName.of(signature.signer());
    PartnerTrust partner =
        material
            .partnerNamedBy(signature.signer())
            .orElseThrow(
                () ->
                    new KopirException(
                        ErrorCode.UNTRUSTED_CERTIFICATE,
                        subject.isAgency()
                            ? "The signer is an agency, not a partner node."
                            : "The signer is not a partner node."));
    partner.requireTrusted(
        signature.signer(),
        signature.includedCertificates(),
        clock.instant(),
        CertificateTrust.DIGITAL_SIGNATURE,
        CertificateTrust.NON_REPUDIATION);
    return new SignedBy(signature, partner);
  }

  private void requireFresh(ObjectNode content, String pointer, String prefix) {
    requireText(content, pointer, prefix);
    Instant stamped;
    try {
      stamped = Instant.parse(content.at(pointer).asText());
    } catch (DateTimeParseException e) {
      throw new KopirException(
          ErrorCode.SCHEMA_VIOLATION,
          "A timestamp is not an RFC 3339 date-time.",
          List.of(new FieldError(prefix + pointer, "not an RFC 3339 date-time")));
    }
    Instant now = clock.instant();
    if (stamped.isBefore(now.minus(replayWindow)) || stamped.isAfter(now.plus(clockSkew))) {
      throw new KopirException(
          ErrorCode.STALE_MESSAGE,
          "The timestamp is outside the accepted window.",
          List.of(new FieldError(prefix + pointer, "outside the replay window")));
    }
  }

  private static void requireText(ObjectNode content, String pointer, String prefix) {
    JsonNode value = content.at(pointer);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new KopirException(
          ErrorCode.SCHEMA_VIOLATION,
          "A field needed to accept the message is missing.",
          List.of(new FieldError(prefix + pointer, "required text")));
    }
  }
}
