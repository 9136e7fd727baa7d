package org.kopir.gateway.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperties;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Headers;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditOutcome;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.border.ReceiptOutcome;
import org.kopir.gateway.broker.BrokerProperties;
import org.kopir.gateway.broker.MessageHeaders;
import org.kopir.gateway.broker.Priority;
import org.kopir.gateway.crypto.SignedMessageVerifier;
import org.kopir.gateway.crypto.VerifiedReceipt;
import org.kopir.gateway.deadletters.DeadLetterReason;
import org.kopir.gateway.deadletters.DeadLetters;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.intake.OutboundRecord;
import org.kopir.gateway.intake.OutboundStatus;
import org.kopir.gateway.intake.SubmissionLedger;
import org.kopir.gateway.observability.MessageLogContext;
import org.kopir.gateway.observability.MessageMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Steps of the forward routes ({@code routes/delivery.camel.yaml}), one forwarding attempt each
 * time a message comes off its outbound queue: take the attempt, read the partner's answer, then
 * record a delivery, a refusal or a failure; a failure within the priority's retry budget rolls the
 * transaction back (the route throws), one past it parks the message as a dead letter.
 */
@Component("forwarding")
public class ForwardingSteps {

  private static final Logger LOG = LoggerFactory.getLogger(ForwardingSteps.class);

  /** Column {@code status_reason} holds at most this much of the last failure. */
  private static final int REASON_LENGTH = 64;

  private final SignedMessageVerifier verifier;
  private final SubmissionLedger ledger;
  private final MessageMetrics metrics;
  private final AuditTrail audit;
  private final DeadLetters deadLetters;
  private final BrokerProperties broker;
  private final Clock clock;
  private final PartnerStatus status;

  public ForwardingSteps(
      SignedMessageVerifier verifier,
      SubmissionLedger ledger,
      MessageMetrics metrics,
      AuditTrail audit,
      DeadLetters deadLetters,
      BrokerProperties broker,
      Clock clock,
      PartnerStatus status) {
    this.status = status;
    this.verifier = verifier;
    this.ledger = ledger;
    this.metrics = metrics;
    this.audit = audit;
    this.deadLetters = deadLetters;
    this.broker = broker;
    this.clock = clock;
  }

  /**
   * The attempt, kept as exchange property {@value Attempt#PROPERTY} for the steps after the
   * partner's answer, which count it in the ledger and audit its {@code delivery.attempted} in the
   * commit of its outcome. (A bean step rather than a {@code setProperty} expression, which would
   * copy the exchange and its JMS message for every message.)
   */
  public void attempt(
      @Body String signedMessage,
      @Headers Map<String, Object> headers,
      @ExchangeProperties Map<String, Object> properties) {
    Attempt attempt = Attempt.of(signedMessage, headers);
    MessageLogContext.processing(attempt.messageId());
    properties.put(Attempt.PROPERTY, attempt);
  }

  /**
   * The partner's answer as an outcome: a receipt signed by the partner node called ({@code
   * kopirPartner}) that names this message and digest (a REFUSED receipt may lack the digest: the
   * partner could not read it) carries its {@code receipt.received} record, which {@link
   * #delivered}, {@link #refused} or {@link #failed} commits with the status; anything else is a
   * failed attempt.
   */
  public PartnerOutcome outcome(
      @Body BorderAnswer answer,
      @ExchangeProperty(Attempt.PROPERTY) Attempt attempt,
      @ExchangeProperty(MessageHeaders.PARTNER) String partner) {
    if (answer.receipt() == null) {
      return PartnerOutcome.failed(answer.reason());
    }
    VerifiedReceipt verified;
    try {
      verified = verifier.verifyReceipt(answer.receipt());
    } catch (KopirException e) {
      return PartnerOutcome.failed("receipt not trusted: " + e.code());
    }
    if (!verified.signerNode().equals(partner)) {
      return PartnerOutcome.failed("receipt signed by another node than the partner called");
    }
    ObjectNode receipt = verified.receipt();
    String outcome = receipt.path("outcome").asText();
    boolean sameMessage = attempt.messageId().equals(receipt.path("messageId").asText());
    boolean refusedUnread = ReceiptOutcome.REFUSED.name().equals(outcome);
    boolean sameDigest = attempt.envelopeDigest().equals(receipt.path("messageDigest").asText());
    if (!sameMessage || !(sameDigest || refusedUnread)) {
      return PartnerOutcome.failed("receipt names another message");
    }
    String receiptId = receipt.path("receiptId").asText(null);
    AuditEntry received =
        attempt
            .entry(AuditEvent.RECEIPT_RECEIVED)
            .detail("outcome", outcome)
            .detail("receiptId", receiptId)
            .build();
    if (ReceiptOutcome.DELIVERED.name().equals(outcome)) {
      return new PartnerOutcome(PartnerOutcome.Kind.DELIVERED, null, receiptId, received);
    }
    if (refusedUnread) {
      return new PartnerOutcome(
          PartnerOutcome.Kind.REFUSED,
          receipt.path("reason").asText("UNKNOWN"),
          receiptId,
          received);
    }
    return new PartnerOutcome(
        PartnerOutcome.Kind.FAILED, "unexpected receipt outcome", receiptId, received);
  }

  /**
   * A DELIVERED receipt: status DELIVERED, the digest the partner acknowledged recorded, the
   * attempt counted, audited {@code delivery.attempted}, {@code receipt.received} and {@code
   * message.delivered} in the same commit.
   */
  public void delivered(
      @Body PartnerOutcome outcome,
      @ExchangeProperty(Attempt.PROPERTY) Attempt attempt,
      @ExchangeProperty(MessageHeaders.PARTNER) String partner) {
    audit.recordWith(
        records -> {
          ledger.delivered(attempt.messageId(), attempt.envelopeDigest());
          attempted(attempt, records);
          records.addAll(outcome.receiptRecords());
          return records.add(
              attempt.entry(AuditEvent.MESSAGE_DELIVERED).detail("partner", partner).build());
        });
    status.delivered(partner, clock.instant());
    metrics.forwarded(attempt.messageType(), partner);
  }

  /**
   * A REFUSED receipt is final: status REFUSED with the partner's code, the attempt counted,
   * audited {@code delivery.attempted}, {@code receipt.received} and {@code message.refused} in the
   * same commit.
   */
  public void refused(
      @Body PartnerOutcome outcome,
      @ExchangeProperty(Attempt.PROPERTY) Attempt attempt,
      @ExchangeProperty(MessageHeaders.PARTNER) String partner) {
    audit.recordWith(
        records -> {
          ledger.transition(attempt.messageId(), OutboundStatus.REFUSED, outcome.reason());
          attempted(attempt, records);
          records.addAll(outcome.receiptRecords());
          return records.add(
              attempt
                  .entry(AuditEvent.MESSAGE_REFUSED)
                  .detail("partner", partner)
                  .outcome(AuditOutcome.REFUSED)
                  .detail("code", outcome.reason())
                  .build());
        });
    status.delivered(partner, clock.instant());
    metrics.deliveryFailed("refused", partner);
    LOG.warn("Partner refused message {} with {}", attempt.messageId(), outcome.reason());
  }

  /**
   * A failed attempt: status WAITING_FOR_RETRY, the attempt counted, audited {@code
   * delivery.attempted} and {@code delivery.failed} (with {@code receipt.received} between them
   * when a verified receipt had an outcome this node does not know) in the same commit.
   */
  public void failed(
      @Body PartnerOutcome outcome,
      @ExchangeProperty(Attempt.PROPERTY) Attempt attempt,
      @ExchangeProperty(MessageHeaders.PARTNER) String partner) {
    String reason = outcome.reason();
    audit.recordWith(
        records -> {
          ledger.transition(
              attempt.messageId(), OutboundStatus.WAITING_FOR_RETRY, truncate(reason));
          attempted(attempt, records);
          records.addAll(outcome.receiptRecords());
          return records.add(
              attempt
                  .entry(AuditEvent.DELIVERY_FAILED)
                  .detail("partner", partner)
                  .outcome(AuditOutcome.FAILED)
                  .detail("reason", reason)
                  .build());
        });
    status.failed(partner, clock.instant(), truncate(reason));
    metrics.deliveryFailed("transient", partner);
    LOG.info("Delivery attempt for {} failed: {}", attempt.messageId(), reason);
  }

  /**
   * Whether the time since the message was (last) queued exceeds the budget of its priority for its
   * partner.
   */
  public boolean retryBudgetSpent(
      @ExchangeProperty(Attempt.PROPERTY) Attempt attempt,
      @ExchangeProperty(MessageHeaders.PARTNER) String partner) {
    Duration budget = broker.retry(partner, Priority.of(attempt.priority())).getBudget();
    Instant queuedAt =
        attempt.queuedAt() != null
            ? Instant.ofEpochMilli(attempt.queuedAt())
            : ledger.find(attempt.messageId()).map(OutboundRecord::createdAt).orElse(null);
    return queuedAt != null && !clock.instant().isBefore(queuedAt.plus(budget));
  }

  /** The budget is spent: the message is parked for operators (status DEAD_LETTERED). */
  public void deadLetter(@ExchangeProperty(Attempt.PROPERTY) Attempt attempt) {
    deadLetters.deadLetter(attempt.parked(), DeadLetterReason.RETRY_BUDGET_SPENT);
  }

  /**
   * The attempt counted in the ledger and its {@code delivery.attempted}, first of the records of
   * its outcome's commit.
   */
  private void attempted(Attempt attempt, List<AuditEntry> records) {
    ledger.countAttempt(attempt.messageId());
    records.add(
        attempt
            .entry(AuditEvent.DELIVERY_ATTEMPTED)
            .detail("redelivery", attempt.redelivered())
            .build());
  }

  private static String truncate(String reason) {
    return reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH);
  }
}
