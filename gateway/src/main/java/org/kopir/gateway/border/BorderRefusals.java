package org.kopir.gateway.border;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.error.RefusalResponder;
import org.kopir.gateway.observability.MessageMetrics;
import org.springframework.stereotype.Component;

/**
 * Answers a refused border delivery with a signed {@code REFUSED} receipt carrying the code, so the
 * sending node can tell a final refusal from a transient failure.
 */
@Component("borderRefusals")
public class BorderRefusals {

  private final Receipts receipts;
  private final ReceiptSigner signer;
  private final MessageMetrics metrics;

  public BorderRefusals(Receipts receipts, ReceiptSigner signer, MessageMetrics metrics) {
    this.receipts = receipts;
    this.signer = signer;
    this.metrics = metrics;
  }

  public void answer(Exchange exchange) {
    KopirException refusal = RefusalResponder.refusalOf(exchange);
    metrics.refused("border", refusal.code().name());
    InboundDelivery delivery =
        exchange.getProperty(InboundDelivery.PROPERTY, InboundDelivery.class);
    ObjectNode receipt =
        receipts.issue(
            ReceiptOutcome.REFUSED,
            delivery == null ? null : delivery.header().messageId(),
            delivery == null ? null : delivery.envelopeDigest(),
            refusal.code().name());
    Message message = exchange.getMessage();
    message.removeHeaders("*");
    message.setHeader(Exchange.HTTP_RESPONSE_CODE, refusal.code().httpStatus());
    message.setHeader(Exchange.CONTENT_TYPE, "application/json");
    message.setBody(signer.sign(receipt).toString());
  }
}
