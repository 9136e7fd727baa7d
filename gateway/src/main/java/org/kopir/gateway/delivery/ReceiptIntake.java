package org.kopir.gateway.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.border.BorderIntake;
import org.kopir.gateway.border.ReceiptOutcome;
import org.kopir.gateway.crypto.SignedMessageVerifier;
import org.kopir.gateway.crypto.VerifiedReceipt;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.intake.OutboundRecord;
import org.kopir.gateway.intake.OutboundStatus;
import org.kopir.gateway.intake.SubmissionLedger;
import org.kopir.gateway.json.JsonBodyReader;
import org.kopir.gateway.node.Partner;
import org.kopir.gateway.node.Partners;
import org.springframework.stereotype.Component;

/**
 * {@code POST /border/v1/receipts} (SPEC §9): the partner's signed {@code RETRIEVED} receipt moves
 * the sender's status to RETRIEVED.
 */
@Component("receiptIntake")
public class ReceiptIntake {

  private final JsonBodyReader reader;
  private final SignedMessageVerifier verifier;
  private final SubmissionLedger ledger;
  private final AuditTrail audit;
  private final Partners partners;

  public ReceiptIntake(
      JsonBodyReader reader,
      SignedMessageVerifier verifier,
      SubmissionLedger ledger,
      AuditTrail audit,
      Partners partners) {
    this.reader = reader;
    this.verifier = verifier;
    this.ledger = ledger;
    this.audit = audit;
    this.partners = partners;
  }

  public void accept(Exchange exchange) {
    String contentType = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class);
    String peer =
        exchange.getProperty(
            Partner.BORDER_PEER,
            exchange.getIn().getHeader(Partner.BORDER_PEER_HEADER, String.class),
            String.class);
    byte[] body = exchange.getIn().getBody(byte[].class);
    exchange.getIn().removeHeaders("*");
    VerifiedReceipt verified = verifier.verifyReceipt(reader.read(body, contentType));
    BorderIntake.requireSignedByPeer(verified.signerNode(), peer);
    Partner signer = partners.require(verified.signerNode());
    String partnerActor = signer.actor();
    ObjectNode receipt = verified.receipt();
    String messageId = receipt.path("messageId").asText();
    if (!ReceiptOutcome.RETRIEVED.name().equals(receipt.path("outcome").asText())) {
      throw new KopirException(ErrorCode.SCHEMA_VIOLATION, "Only RETRIEVED receipts go here.");
    }
    var record =
        ledger
            .find(messageId)
            .filter(sent -> signer.isAgency(sent.recipientAgency()))
            .orElseThrow(() -> new KopirException(ErrorCode.NOT_FOUND, "No such message."));
    if (!record.envelopeDigest().equals(receipt.path("messageDigest").asText())) {
      throw new KopirException(ErrorCode.BAD_SIGNATURE, "The receipt names another digest.");
    }
    audit.recordWith(
        records -> {
          records.add(
              entry(AuditEvent.RECEIPT_RECEIVED, record, partnerActor)
                  .detail("outcome", ReceiptOutcome.RETRIEVED.name())
                  .build());
          if (ledger.transition(messageId, OutboundStatus.RETRIEVED, null)) {
            records.add(entry(AuditEvent.MESSAGE_RETRIEVED, record, partnerActor).build());
          }
          return null;
        });
    Message message = exchange.getMessage();
    message.removeHeaders("*");
    message.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
    message.setBody(null);
  }

  private static AuditEntry.Builder entry(AuditEvent event, OutboundRecord sent, String actor) {
    return AuditEntry.of(event)
        .messageId(sent.messageId())
        .messageType(sent.messageType())
        .caseToken(sent.caseToken())
        .actor(actor);
  }
}
