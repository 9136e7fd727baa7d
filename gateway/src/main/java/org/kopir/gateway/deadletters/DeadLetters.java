package org.kopir.gateway.deadletters;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Headers;
import org.apache.camel.ProducerTemplate;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditOutcome;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.broker.MessageHeaders;
import org.kopir.gateway.broker.Priority;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.intake.OutboundRecord;
import org.kopir.gateway.intake.OutboundStatus;
import org.kopir.gateway.intake.SubmissionLedger;
import org.kopir.gateway.node.Partners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Parks outbound messages whose retries are spent (status {@code DEAD_LETTERED}, audited {@code
 * message.dead-lettered}) and replays them on an operator's request: the same signed bytes, under
 * the same {@code messageId}, back on the outbound queue of their priority (status {@code QUEUED},
 * audited {@code message.replayed}). The partner's border is idempotent, so a replay of a message
 * that did arrive after all is answered with its original receipt.
 */
@Component("deadLetters")
public class DeadLetters {

  /** The route that puts a replayed message back on its outbound queue. */
  static final String REQUEUE = "direct:requeue-dead-letter";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private final DeadLetterStore store;
  private final SubmissionLedger ledger;
  private final AuditTrail audit;
  private final ProducerTemplate producer;
  private final Clock clock;
  private final MeterRegistry registry;

  private final Partners partners;

  public DeadLetters(
      DeadLetterStore store,
      SubmissionLedger ledger,
      AuditTrail audit,
      ProducerTemplate producer,
      Clock clock,
      MeterRegistry registry,
      Partners partners) {
    this.store = store;
    this.partners = partners;
    this.ledger = ledger;
    this.audit = audit;
    this.producer = producer;
    this.clock = clock;
    this.registry = registry;
  }

  /** Step of route {@code park-dead-letters}: a message the broker moved to the dead letters. */
  public void park(@Body String signedMessage, @Headers Map<String, Object> headers) {
    ParkedMessage message = ParkedMessage.of(signedMessage, headers);
    if (message.messageId() == null || message.signedMessage() == null) {
      // Not an outbound message of this node: nothing an operator could replay.
      LOG.warn("Dead letter without a Kopir message id discarded");
      return;
    }
    deadLetter(message, DeadLetterReason.ATTEMPTS_EXHAUSTED);
  }

  /** The outbound message carried by a JMS message (body and properties, as queued at intake). */

  /**
   * Parks the message and marks it {@code DEAD_LETTERED}. Idempotent: a message parked before is
   * refreshed without a second audit record; one that was delivered or refused meanwhile is left
   * alone.
   */
  public void deadLetter(ParkedMessage message, DeadLetterReason reason) {
    Optional<OutboundRecord> found = ledger.find(message.messageId());
    if (found.isEmpty()) {
      LOG.warn("Dead letter {} has no ledger row; discarded", message.messageId());
      return;
    }
    OutboundRecord record = found.get();
    if (record.status().isFinal() || record.status() == OutboundStatus.DELIVERED) {
      return;
    }
    String lastFailure =
        record.status() == OutboundStatus.WAITING_FOR_RETRY ? record.statusReason() : null;
    store.park(message, reason.name(), lastFailure, record.attempts(), clock.instant());
    if (!ledger.transition(message.messageId(), OutboundStatus.DEAD_LETTERED, reason.name())) {
      return;
    }
    audit.record(deadLettered(record, reason.name(), lastFailure));
    Counter.builder("kopir.delivery.dead.lettered")
        .tag("reason", reason.name())
        .register(registry)
        .increment();
    LOG.warn(
        "Message {} dead-lettered ({}) after {} attempts",
        record.messageId(),
        reason,
        record.attempts());
  }

  /**
   * Puts a dead-lettered message back on its outbound queue. {@code actor} is the operator as
   * written in audit records ({@code user:<name>}).
   */
  public OutboundStatus replay(String messageId, String actor) {
    OutboundRecord record =
        ledger
            .find(messageId)
            .orElseThrow(() -> new KopirException(ErrorCode.NOT_FOUND, "No such message."));
    if (record.status() == OutboundStatus.REFUSED) {
      throw new KopirException(
          ErrorCode.NOT_REPLAYABLE,
          "The partner refused this message ("
              + record.statusReason()
              + "); a refusal is final. Correct the message and submit it under a new messageId.");
    }
    if (record.status() != OutboundStatus.DEAD_LETTERED) {
      throw new KopirException(
          ErrorCode.NOT_REPLAYABLE,
          "Only a dead-lettered message can be replayed; this one is " + record.status() + ".");
    }
    String partner =
        partners
            .agency(record.recipientAgency())
            .orElseThrow(
                () ->
                    new KopirException(
                        ErrorCode.NOT_REPLAYABLE,
                        "The recipient's node is not a partner of this node any more; the message"
                            + " stays parked until it is."))
            .node();
    ParkedMessage parked =
        store
            .find(messageId)
            .orElseThrow(
                () -> new KopirException(ErrorCode.NOT_FOUND, "The message is not parked."));
    // The status change is the lock: of two concurrent replays only one wins it.
    if (!ledger.transition(messageId, OutboundStatus.QUEUED, null)) {
      throw new KopirException(ErrorCode.NOT_REPLAYABLE, "The message was replayed already.");
    }
    // Recorded before the message is back on its queue: its next attempt, which may follow at
    // once, comes after the replay in the trail.
    try {
      audit.record(
          AuditEntry.of(AuditEvent.MESSAGE_REPLAYED)
              .messageId(messageId)
              .messageType(record.messageType())
              .caseToken(record.caseToken())
              .actor(actor)
              .detail("previousReason", record.statusReason())
              .detail("attempts", record.attempts())
              .detail("priority", record.priority())
              .build());
    } catch (RuntimeException e) {
      // Still parked: the message stays a dead letter.
      ledger.transition(messageId, OutboundStatus.DEAD_LETTERED, record.statusReason());
      throw e;
    }
    store.remove(messageId);
    Instant now = clock.instant();
    try {
      send(parked, partner, now);
    } catch (RuntimeException e) {
      store.park(parked, record.statusReason(), null, record.attempts(), now);
      ledger.transition(messageId, OutboundStatus.DEAD_LETTERED, record.statusReason());
      audit.record(
          deadLettered(record, record.statusReason(), "replay: outbound queue unavailable"));
      LOG.warn("Replay of {} failed: {}", messageId, e.getClass().getSimpleName());
      throw new KopirException(
          ErrorCode.SERVICE_UNAVAILABLE, "The outbound queue is unavailable; the message stays.");
    }
    return OutboundStatus.QUEUED;
  }

  /** The {@code message.dead-lettered} record of a message parked for {@code reason}. */
  private static AuditEntry deadLettered(OutboundRecord record, String reason, String lastFailure) {
    return AuditEntry.of(AuditEvent.MESSAGE_DEAD_LETTERED)
        .messageId(record.messageId())
        .messageType(record.messageType())
        .caseToken(record.caseToken())
        .actor("node")
        .outcome(AuditOutcome.FAILED)
        .detail("reason", reason)
        .detail("lastFailure", lastFailure)
        .detail("attempts", record.attempts())
        .detail("priority", record.priority())
        .build();
  }

  /**
   * Back onto the outbound queue of its partner and priority through route {@code
   * requeue-dead-letter}.
   */
  private void send(ParkedMessage parked, String partner, Instant now) {
    Map<String, Object> headers = new HashMap<>();
    headers.put(MessageHeaders.PARTNER, partner);
    headers.put(MessageHeaders.MESSAGE_ID, parked.messageId());
    headers.put(MessageHeaders.MESSAGE_TYPE, parked.messageType());
    headers.put(MessageHeaders.RECIPIENT_AGENCY, parked.recipientAgency());
    headers.put(MessageHeaders.PRIORITY, Priority.of(parked.priority()).wireName());
    headers.put(MessageHeaders.ENVELOPE_DIGEST, parked.envelopeDigest());
    // The broker remembers the original id as sent; each replay needs an id of its own.
    headers.put(MessageHeaders.DUPLICATE_ID, parked.messageId() + ":replay:" + now.toEpochMilli());
    headers.put(MessageHeaders.QUEUED_AT, now.toEpochMilli());
    // In UTF-8 bytes, as intake queues it (intake.OutboundMessages).
    producer.sendBodyAndHeaders(
        REQUEUE, parked.signedMessage().getBytes(StandardCharsets.UTF_8), headers);
  }
}
