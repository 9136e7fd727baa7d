package org.kopir.gateway.border;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditOutcome;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.crypto.Canonicalizer;
import org.kopir.gateway.crypto.MessageSigner;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.node.Partner;
import org.kopir.gateway.observability.MessageMetrics;
import org.kopir.gateway.refusals.Refusals;
import org.springframework.stereotype.Component;

/**
 * Answers a refused border delivery with a signed {@code REFUSED} receipt carrying the code, so the
 * sending node can tell a final refusal from a transient failure.
 */
@Component("borderRefusals")
public class BorderRefusals {

  private final Receipts receipts;
  private final MessageSigner signer;
  private final MessageMetrics metrics;
  private final AuditTrail audit;

  public BorderRefusals(
      Receipts receipts, MessageSigner signer, MessageMetrics metrics, AuditTrail audit) {
    this.receipts = receipts;
    this.signer = signer;
    this.metrics = metrics;
    this.audit = audit;
  }

  /**
   * The message id an unverifiable message claims, echoed so the sender can settle its message; the
   * signed REFUSED receipt vouches only that this node refused what it received.
   */
  private static String claimedMessageId(ObjectNode received) {
    if (received == null) {
      return null;
    }
    JsonNode id = received.path("envelope").path("header").path("messageId");
    return id.isTextual() && id.asText().length() == 36 ? id.asText() : null;
  }

  private static String claimedDigest(ObjectNode received) {
    JsonNode envelope = received == null ? null : received.get("envelope");
    return envelope instanceof ObjectNode object ? Canonicalizer.digestHex(object) : null;
  }

  public void answer(Exchange exchange) {
    KopirException refusal =
        Refusals.of(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    metrics.refused("border", refusal.code().name());
    InboundDelivery delivery =
        exchange.getProperty(InboundDelivery.PROPERTY, InboundDelivery.class);
    ObjectNode receipt =
        receipts.issue(
            ReceiptOutcome.REFUSED,
            delivery == null ? null : delivery.header().messageId(),
            delivery == null ? null : delivery.envelopeDigest(),
            refusal.code().name());
    audit.record(
        AuditEntry.of(AuditEvent.BORDER_REFUSED)
            .messageId(delivery == null ? null : delivery.header().messageId())
            .messageType(delivery == null ? null : delivery.header().messageType())
            .caseToken(delivery == null ? null : delivery.caseToken())
            .actor("node:" + exchange.getProperty(Partner.BORDER_PEER, "unknown", String.class))
            .outcome(AuditOutcome.REFUSED)
            .detail("code", refusal.code().name())
            .build());
    Message message = exchange.getMessage();
    message.removeHeaders("*");
    message.setHeader(Exchange.HTTP_RESPONSE_CODE, refusal.code().httpStatus());
    message.setHeader(Exchange.CONTENT_TYPE, "application/json");
    message.setBody(signer.signReceipt(receipt).toString());
  }
}
