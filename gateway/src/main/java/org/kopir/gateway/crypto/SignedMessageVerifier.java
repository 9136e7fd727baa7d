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
 * Checks what arrives from the partner node before anything else reads it (SPEC §3, §5, §11), in
 * this order: the signed shape, the CMS signature over the canonical bytes, the signer's path to
 * the partner CA (validity, key usage, CRL), that the signer is the partner node and not an agency,
 * and for messages the recipient country and the replay window on {@code header.sentAt}. The first
 * failure refuses with its code; nothing is returned for a refused input.
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
    VerifiedSignature signature = verifyPartnerSignature(parts);
    ObjectNode envelope = parts.content();
    requireText(envelope, "/header/recipient/country", "/envelope");
    if (!material.country().equals(envelope.at("/header/recipient/country").asText())) {
      throw new KopirException(
          ErrorCode.WRONG_RECIPIENT_NODE,
          "The message is addressed to another country's node.",
          List.of(new FieldError("/envelope/header/recipient/country", "not this node")));
    }
    requireText(envelope, "/header/sender/country", "/envelope");
    if (!material.partnerCountry().equals(envelope.at("/header/sender/country").asText())) {
      throw new KopirException(
          ErrorCode.SENDER_MISMATCH,
          "The signing node does not serve the sender's country.",
          List.of(new FieldError("/envelope/header/sender/country", "not the partner country")));
    }
    requireFresh(envelope, "/header/sentAt", "/envelope");
    return new VerifiedMessage(
        envelope,
        signature.signer().getSubjectX500Principal().getName(),
        Canonicalizer.digestHex(envelope),
        signature.signingTime() == null ? null : signature.signingTime().toInstant());
  }

  /**
   * Verifies a signed receipt {@code {"receipt": ..., "signature": ...}}: signature and signer as
   * for messages, {@code receipt.node} must be the partner node and {@code receipt.at} within the
   * replay window.
   */
  public VerifiedReceipt verifyReceipt(JsonNode signedReceipt) {
    SignedJson.Parts parts = SignedJson.split(signedReceipt, "receipt");
    VerifiedSignature signature = verifyPartnerSignature(parts);
    ObjectNode receipt = parts.content();
    requireText(receipt, "/node", "/receipt");
    if (!material.partnerNode().equals(receipt.at("/node").asText())) {
      throw new KopirException(
          ErrorCode.UNTRUSTED_CERTIFICATE,
          "The receipt names another node than its signer.",
          List.of(new FieldError("/receipt/node", "not the signing partner node")));
    }
    requireFresh(receipt, "/at", "/receipt");
    return new VerifiedReceipt(
        receipt,
        signature.signer().getSubjectX500Principal().getName(),
        Canonicalizer.digestHex(receipt));
  }

  private VerifiedSignature verifyPartnerSignature(SignedJson.Parts parts) {
    VerifiedSignature signature;
    try {
      signature =
          CmsSignatures.verifyDetached(
              Canonicalizer.canonicalBytes(parts.content()), parts.signature());
    } catch (SignerCertificateNotValidException e) {
      throw new KopirException(
          ErrorCode.CERTIFICATE_EXPIRED, "The signer certificate was not valid when it signed.");
    } catch (SignatureCheckException e) {
      throw new KopirException(ErrorCode.BAD_SIGNATURE, "The signature does not verify.");
    }
    CertificateTrust.requireTrusted(
        signature.signer(),
        signature.includedCertificates(),
        material.partnerCa(),
        material.partnerCrl(),
        clock.instant(),
        CertificateTrust.DIGITAL_SIGNATURE,
        CertificateTrust.NON_REPUDIATION);
    KopirNames.SubjectName subject = KopirNames.SubjectName.of(signature.signer());
    if (!subject.isNode(material.partnerNode(), material.partnerCountry())) {
      throw new KopirException(
          ErrorCode.UNTRUSTED_CERTIFICATE,
          subject.isAgency()
              ? "The signer is an agency, not the partner node."
              : "The signer is not the partner node.");
    }
    return signature;
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
