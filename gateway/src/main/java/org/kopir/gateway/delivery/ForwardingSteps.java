package org.kopir.gateway.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditOutcome;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.border.ReceiptOutcome;
import org.kopir.gateway.crypto.SignedMessageVerifier;
import org.kopir.gateway.crypto.VerifiedReceipt;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.intake.OutboundMessages;
import org.kopir.gateway.intake.OutboundStatus;
import org.kopir.gateway.intake.SubmissionLedger;
import org.kopir.gateway.observability.MessageMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The outbound consumer's step: one forwarding attempt. A verified DELIVERED receipt for this
 * message and digest completes it; a verified REFUSED receipt is final; anything else throws so the
 * transaction rolls back and the broker redelivers with backoff.
 */
@Component("forwarding")
public class ForwardingSteps {

  private static final Logger LOG = LoggerFactory.getLogger(ForwardingSteps.class);

  private final BorderClient client;
  private final SignedMessageVerifier verifier;
  private final SubmissionLedger ledger;
  private final MessageMetrics metrics;
  private final AuditTrail audit;

  public ForwardingSteps(
      BorderClient client,
      SignedMessageVerifier verifier,
      SubmissionLedger ledger,
      MessageMetrics metrics,
      AuditTrail audit) {
    this.client = client;
    this.verifier = verifier;
    this.ledger = ledger;
    this.metrics = metrics;
    this.audit = audit;
  }

  public void forward(Exchange exchange) {
    Message message = exchange.getMessage();
    Attempt attempt =
        new Attempt(
            message.getHeader(OutboundMessages.MESSAGE_ID, String.class),
            message.getHeader(OutboundMessages.MESSAGE_TYPE, String.class),
            message.getHeader(OutboundMessages.ENVELOPE_DIGEST, String.class),
            message.getHeader("JMSRedelivered", Boolean.class));
    MDC.put("kopirMessageId", attempt.messageId());
    ledger.countAttempt(attempt.messageId());
    audit.record(
        attempt
            .entry(AuditEvent.DELIVERY_ATTEMPTED)
            .detail("redelivery", attempt.redelivered())
            .build());
    BorderClient.BorderAnswer answer;
    try {
      answer = client.post(message.getBody(String.class));
    } catch (TransientDeliveryException e) {
      throw failed(attempt, e.getMessage());
    }
    VerifiedReceipt receipt = verifiedReceipt(attempt, answer);
    String outcome = receipt.receipt().path("outcome").asText();
    audit.record(
        attempt
            .entry(AuditEvent.RECEIPT_RECEIVED)
            .detail("outcome", outcome)
            .detail("receiptId", receipt.receipt().path("receiptId").asText(null))
            .build());
    if (ReceiptOutcome.DELIVERED.name().equals(outcome)) {
      ledger.transition(attempt.messageId(), OutboundStatus.DELIVERED, null);
      audit.record(attempt.entry(AuditEvent.MESSAGE_DELIVERED).build());
      metrics.forwarded(attempt.messageType());
      return;
    }
    if (ReceiptOutcome.REFUSED.name().equals(outcome)) {
      String reason = receipt.receipt().path("reason").asText("UNKNOWN");
      ledger.transition(attempt.messageId(), OutboundStatus.REFUSED, reason);
      audit.record(
          attempt
              .entry(AuditEvent.MESSAGE_REFUSED)
              .outcome(AuditOutcome.REFUSED)
              .detail("code", reason)
              .build());
      metrics.deliveryFailed("refused");
      LOG.warn("Partner refused message {} with {}", attempt.messageId(), reason);
      return;
    }
    throw failed(attempt, "unexpected receipt outcome");
  }

  /** The partner's receipt, signed by the partner node and naming this message and digest. */
  private VerifiedReceipt verifiedReceipt(Attempt attempt, BorderClient.BorderAnswer answer) {
    if (answer.receipt() == null) {
      throw failed(attempt, "no receipt (HTTP " + answer.status() + ")");
    }
    VerifiedReceipt receipt;
    try {
      receipt = verifier.verifyReceipt(answer.receipt());
    } catch (KopirException e) {
      throw failed(attempt, "receipt not trusted: " + e.code());
    }
    ObjectNode body = receipt.receipt();
    boolean sameMessage = attempt.messageId().equals(body.path("messageId").asText());
    boolean refusedUnread = ReceiptOutcome.REFUSED.name().equals(body.path("outcome").asText());
    boolean sameDigest = attempt.envelopeDigest().equals(body.path("messageDigest").asText());
    if (!sameMessage || !(sameDigest || refusedUnread)) {
      throw failed(attempt, "receipt names another message");
    }
    return receipt;
  }

  private TransientDeliveryException failed(Attempt attempt, String reason) {
    ledger.transition(attempt.messageId(), OutboundStatus.WAITING_FOR_RETRY, null);
    audit.record(
        attempt
            .entry(AuditEvent.DELIVERY_FAILED)
            .outcome(AuditOutcome.FAILED)
            .detail("reason", reason)
            .build());
    metrics.deliveryFailed("transient");
    LOG.info("Delivery attempt for {} failed: {}", attempt.messageId(), reason);
    return new TransientDeliveryException(reason);
  }

  private record Attempt(
      String messageId, String messageType, String envelopeDigest, Boolean redelivered) {
    AuditEntry.Builder entry(AuditEvent event) {
      return AuditEntry.of(event).messageId(messageId).messageType(messageType).actor("node");
    }
  }
}
