package org.kopir.gateway.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditOutcome;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.border.ReceiptOutcome;
import org.kopir.gateway.broker.BrokerProperties;
import org.kopir.gateway.broker.Priority;
import org.kopir.gateway.crypto.SignedMessageVerifier;
import org.kopir.gateway.crypto.VerifiedReceipt;
import org.kopir.gateway.deadletters.DeadLetterReason;
import org.kopir.gateway.deadletters.DeadLetters;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.intake.OutboundMessages;
import org.kopir.gateway.intake.OutboundRecord;
import org.kopir.gateway.intake.OutboundStatus;
import org.kopir.gateway.intake.SubmissionLedger;
import org.kopir.gateway.observability.MessageMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The outbound consumers' step: one forwarding attempt. A verified DELIVERED receipt for this
 * message and digest completes it; a verified REFUSED receipt is final; anything else is a failed
 * attempt: within the priority's retry budget it throws so the transaction rolls back and the
 * broker redelivers with backoff; once the budget is spent the message is dead-lettered and the
 * transaction commits.
 */
@Component("forwarding")
public class ForwardingSteps {

  private static final Logger LOG = LoggerFactory.getLogger(ForwardingSteps.class);

  /** Column {@code status_reason} holds at most this much of the last failure. */
  private static final int REASON_LENGTH = 64;

  private final BorderTransport client;
  private final SignedMessageVerifier verifier;
  private final SubmissionLedger ledger;
  private final MessageMetrics metrics;
  private final AuditTrail audit;
  private final DeadLetters deadLetters;
  private final BrokerProperties broker;
  private final Clock clock;

  public ForwardingSteps(
      BorderTransport client,
      SignedMessageVerifier verifier,
      SubmissionLedger ledger,
      MessageMetrics metrics,
      AuditTrail audit,
      DeadLetters deadLetters,
      BrokerProperties broker,
      Clock clock) {
    this.client = client;
    this.verifier = verifier;
    this.ledger = ledger;
    this.metrics = metrics;
    this.audit = audit;
    this.deadLetters = deadLetters;
    this.broker = broker;
    this.clock = clock;
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
    try {
      deliver(attempt, message.getBody(String.class));
    } catch (TransientDeliveryException e) {
      retryOrDeadLetter(message, attempt, e.getMessage());
    }
  }

  private void deliver(Attempt attempt, String signedMessage) {
    VerifiedReceipt receipt = verifiedReceipt(attempt, client.send(signedMessage));
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
    throw new TransientDeliveryException("unexpected receipt outcome");
  }

  /** The partner's receipt, signed by the partner node and naming this message and digest. */
  private VerifiedReceipt verifiedReceipt(Attempt attempt, BorderAnswer answer) {
    if (answer.receipt() == null) {
      throw new TransientDeliveryException("no receipt (HTTP " + answer.status() + ")");
    }
    VerifiedReceipt receipt;
    try {
      receipt = verifier.verifyReceipt(answer.receipt());
    } catch (KopirException e) {
      throw new TransientDeliveryException("receipt not trusted: " + e.code());
    }
    ObjectNode body = receipt.receipt();
    boolean sameMessage = attempt.messageId().equals(body.path("messageId").asText());
    boolean refusedUnread = ReceiptOutcome.REFUSED.name().equals(body.path("outcome").asText());
    boolean sameDigest = attempt.envelopeDigest().equals(body.path("messageDigest").asText());
    if (!sameMessage || !(sameDigest || refusedUnread)) {
      throw new TransientDeliveryException("receipt names another message");
    }
    return receipt;
  }

  /**
   * A failed attempt: recorded, then retried by the broker (the exception rolls the transaction
   * back) unless the priority's retry budget is spent, in which case the message is parked as a
   * dead letter and the transaction commits.
   */
  private void retryOrDeadLetter(Message message, Attempt attempt, String reason) {
    ledger.transition(attempt.messageId(), OutboundStatus.WAITING_FOR_RETRY, truncate(reason));
    audit.record(
        attempt
            .entry(AuditEvent.DELIVERY_FAILED)
            .outcome(AuditOutcome.FAILED)
            .detail("reason", reason)
            .build());
    metrics.deliveryFailed("transient");
    LOG.info("Delivery attempt for {} failed: {}", attempt.messageId(), reason);
    if (budgetSpent(message, attempt)) {
      deadLetters.deadLetter(
          DeadLetters.parkedMessage(message), DeadLetterReason.RETRY_BUDGET_SPENT);
      return;
    }
    throw new TransientDeliveryException(reason);
  }

  /** Whether the time since the message was (last) queued exceeds its priority's budget. */
  private boolean budgetSpent(Message message, Attempt attempt) {
    Duration budget =
        broker
            .getRetry()
            .of(Priority.of(message.getHeader(OutboundMessages.PRIORITY, String.class)))
            .getBudget();
    Long requeued = message.getHeader(DeadLetters.QUEUED_AT, Long.class);
    Instant queuedAt =
        requeued != null
            ? Instant.ofEpochMilli(requeued)
            : ledger.find(attempt.messageId()).map(OutboundRecord::createdAt).orElse(null);
    return queuedAt != null && !clock.instant().isBefore(queuedAt.plus(budget));
  }

  private static String truncate(String reason) {
    return reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH);
  }

  private record Attempt(
      String messageId, String messageType, String envelopeDigest, Boolean redelivered) {
    AuditEntry.Builder entry(AuditEvent event) {
      return AuditEntry.of(event).messageId(messageId).messageType(messageType).actor("node");
    }
  }
}
