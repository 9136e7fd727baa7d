package org.kopir.gateway.border;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.camel.Exchange;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.crypto.SignedMessageVerifier;
import org.kopir.gateway.crypto.VerifiedMessage;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.json.JsonBodyReader;
import org.kopir.gateway.node.Partner;
import org.kopir.gateway.observability.MessageLogContext;
import org.kopir.gateway.validation.EnvelopeHeader;
import org.springframework.stereotype.Component;

/**
 * First steps of every border transport: read the signed message (SPEC §3) with the intake's parser
 * limits, then verify it before anything else looks at its content.
 */
@Component("borderIntake")
public class BorderIntake {

  /** Exchange property: the signed message as received, before verification. */
  public static final String RECEIVED = "kopirBorderReceived";

  /** Exchange property: the delivery's {@code border.verified} record, until it is written. */
  static final String VERIFIED_RECORD = "kopirBorderVerifiedRecord";

  private final JsonBodyReader reader;
  private final SignedMessageVerifier verifier;

  public BorderIntake(JsonBodyReader reader, SignedMessageVerifier verifier) {
    this.reader = reader;
    this.verifier = verifier;
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

  /**
   * Verifies the received signed message and describes the delivery it carries. Its {@code
   * border.verified} record is kept (exchange property {@link #VERIFIED_RECORD}) until the
   * delivery's next write to the audit trail, which it precedes in the same commit: the
   * registration, a repeat's answer, or the refusal.
   */
  public void verify(Exchange exchange) {
    ObjectNode signedMessage = exchange.getProperty(RECEIVED, ObjectNode.class);
    VerifiedMessage verified = verifier.verifyMessage(signedMessage);
    requireSignedByPeer(
        verified.signerNode(), exchange.getProperty(Partner.BORDER_PEER, String.class));
    ObjectNode envelope = verified.envelope();
    EnvelopeHeader header = EnvelopeHeader.read(envelope);
    MessageLogContext.processing(header.messageId());
    JsonNode caseToken = envelope.path("header").path("caseToken");
    InboundDelivery delivery =
        new InboundDelivery(
            signedMessage,
            header,
            verified.messageDigest(),
            caseToken.isTextual() ? caseToken.asText() : null,
            verified.signerNode());
    exchange.setProperty(InboundDelivery.PROPERTY, delivery);
    exchange.setProperty(
        VERIFIED_RECORD,
        AuditEntry.of(AuditEvent.BORDER_VERIFIED)
            .messageId(header.messageId())
            .messageType(header.messageType())
            .caseToken(delivery.caseToken())
            .actor("node:" + verified.signerNode())
            .detail("messageDigest", delivery.envelopeDigest())
            .detail("signer", verified.signerSubject())
            .build());
  }

  /** The delivery's {@code border.verified} record if it is not written yet, still kept. */
  static List<AuditEntry> verifiedRecord(Exchange exchange) {
    AuditEntry entry = exchange.getProperty(VERIFIED_RECORD, AuditEntry.class);
    return entry == null ? List.of() : List.of(entry);
  }

  /** Forgets the kept {@code border.verified} record once it is committed. */
  static void verifiedRecordWritten(Exchange exchange) {
    exchange.removeProperty(VERIFIED_RECORD);
  }

  /**
   * The delivery's {@code border.verified} record if it is not written yet, handed over once (empty
   * afterwards): whoever writes the delivery's next records writes it first.
   */
  static List<AuditEntry> takeVerifiedRecord(Exchange exchange) {
    List<AuditEntry> kept = verifiedRecord(exchange);
    verifiedRecordWritten(exchange);
    return kept;
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
