package org.kopir.gateway.border;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.crypto.SignedMessageVerifier;
import org.kopir.gateway.crypto.VerifiedMessage;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.json.JsonBodyReader;
import org.kopir.gateway.node.Partner;
import org.kopir.gateway.validation.EnvelopeHeader;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * First steps of every border transport: read the signed message (SPEC §3) with the intake's parser
 * limits, then verify it before anything else looks at its content.
 */
@Component("borderIntake")
public class BorderIntake {

  /** Exchange property: the signed message as received, before verification. */
  public static final String RECEIVED = "kopirBorderReceived";

  private final JsonBodyReader reader;
  private final SignedMessageVerifier verifier;
  private final AuditTrail audit;

  public BorderIntake(JsonBodyReader reader, SignedMessageVerifier verifier, AuditTrail audit) {
    this.reader = reader;
    this.verifier = verifier;
    this.audit = audit;
  }

  public void read(Exchange exchange) {
    exchange.setProperty(
        Partner.BORDER_PEER, exchange.getIn().getHeader(Partner.BORDER_PEER_HEADER, String.class));
    String contentType = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class);
    byte[] body = exchange.getIn().getBody(byte[].class);
    exchange.getIn().removeHeaders("*");
    exchange.getIn().setBody(null);
    exchange.setProperty(RECEIVED, reader.read(body, contentType));
  }

  /** Verifies the received signed message and describes the delivery it carries. */
  public void verify(Exchange exchange) {
    ObjectNode signedMessage = exchange.getProperty(RECEIVED, ObjectNode.class);
    exchange.setProperty(
        InboundDelivery.PROPERTY,
        verified(signedMessage, exchange.getProperty(Partner.BORDER_PEER, String.class)));
  }

  /**
   * Shared by every border transport: verification, then the delivery it describes.
   *
   * @param peer the partner node whose connection carried the message, {@code null} when the
   *     transport cannot tell
   * @throws KopirException {@code RELAYED_MESSAGE} when another partner node signed it
   */
  public InboundDelivery verified(ObjectNode signedMessage, String peer) {
    VerifiedMessage verified = verifier.verifyMessage(signedMessage);
    requireSignedByPeer(verified.signerNode(), peer);
    ObjectNode envelope = verified.envelope();
    EnvelopeHeader header = EnvelopeHeader.read(envelope);
    MDC.put("kopirMessageId", header.messageId());
    JsonNode caseToken = envelope.path("header").path("caseToken");
    InboundDelivery delivery =
        new InboundDelivery(
            signedMessage,
            header,
            verified.messageDigest(),
            caseToken.isTextual() ? caseToken.asText() : null,
            verified.signerNode());
    audit.record(
        AuditEntry.of(AuditEvent.BORDER_VERIFIED)
            .messageId(header.messageId())
            .messageType(header.messageType())
            .caseToken(delivery.caseToken())
            .actor("node:" + verified.signerNode())
            .detail("messageDigest", delivery.envelopeDigest())
            .detail("signer", verified.signerSubject())
            .build());
    return delivery;
  }

  /**
   * A partner delivers only what it signed itself: a message or receipt signed by partner A that
   * arrives over partner B's connection is refused, whatever it says.
   *
   * @throws KopirException {@code RELAYED_MESSAGE}
   */
  public static void requireSignedByPeer(String signer, String peer) {
    if (peer != null && !peer.equals(signer)) {
      throw new KopirException(
          ErrorCode.RELAYED_MESSAGE,
          "The signing node is not the node that delivered it: partners do not relay.");
    }
  }
}
