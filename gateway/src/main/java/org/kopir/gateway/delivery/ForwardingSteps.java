package org.kopir.gateway.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.kopir.gateway.border.ReceiptOutcome;
import org.kopir.gateway.intake.OutboundMessages;
import org.kopir.gateway.intake.OutboundStatus;
import org.kopir.gateway.intake.SubmissionLedger;
import org.kopir.gateway.observability.MessageMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The outbound consumer's step: one forwarding attempt. A verified DELIVERED receipt completes the
 * message; a REFUSED receipt is final; anything else throws so the transaction rolls back and the
 * broker redelivers with backoff.
 */
@Component("forwarding")
public class ForwardingSteps {

  private static final Logger LOG = LoggerFactory.getLogger(ForwardingSteps.class);

  private final BorderClient client;
  private final SubmissionLedger ledger;
  private final MessageMetrics metrics;

  public ForwardingSteps(BorderClient client, SubmissionLedger ledger, MessageMetrics metrics) {
    this.client = client;
    this.ledger = ledger;
    this.metrics = metrics;
  }

  public void forward(Exchange exchange) {
    String messageId = exchange.getMessage().getHeader(OutboundMessages.MESSAGE_ID, String.class);
    String messageType =
        exchange.getMessage().getHeader(OutboundMessages.MESSAGE_TYPE, String.class);
    MDC.put("kopirMessageId", messageId);
    ledger.countAttempt(messageId);
    BorderClient.BorderAnswer answer;
    try {
      answer = client.post(exchange.getMessage().getBody(String.class));
    } catch (TransientDeliveryException e) {
      failed(messageId, e.getMessage());
      throw e;
    }
    JsonNode receipt = answer.receipt() == null ? null : answer.receipt().path("receipt");
    if (receipt == null || !messageId.equals(receipt.path("messageId").asText())) {
      failed(messageId, "no receipt (HTTP " + answer.status() + ")");
      throw new TransientDeliveryException("no receipt from partner, HTTP " + answer.status());
    }
    String outcome = receipt.path("outcome").asText();
    if (ReceiptOutcome.DELIVERED.name().equals(outcome)) {
      ledger.transition(messageId, OutboundStatus.DELIVERED, null);
      metrics.forwarded(messageType);
      return;
    }
    if (ReceiptOutcome.REFUSED.name().equals(outcome)) {
      String reason = receipt.path("reason").asText("UNKNOWN");
      ledger.transition(messageId, OutboundStatus.REFUSED, reason);
      metrics.deliveryFailed("refused");
      LOG.warn("Partner refused message {} with {}", messageId, reason);
      return;
    }
    failed(messageId, "unexpected receipt outcome");
    throw new TransientDeliveryException("unexpected receipt outcome");
  }

  private void failed(String messageId, String reason) {
    ledger.transition(messageId, OutboundStatus.WAITING_FOR_RETRY, null);
    metrics.deliveryFailed("transient");
    LOG.info("Delivery attempt for {} failed: {}", messageId, reason);
  }
}
