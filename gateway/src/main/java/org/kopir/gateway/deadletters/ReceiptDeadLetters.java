package org.kopir.gateway.deadletters;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.apache.camel.ProducerTemplate;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditOutcome;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.border.InboxLedger;
import org.kopir.gateway.broker.MessageHeaders;
import org.kopir.gateway.broker.QueueNames;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.node.Partners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Receipts for the partner (RETRIEVED) that it did not take: each failed attempt of route {@code
 * return-receipts} is counted, a receipt the broker gave up on is parked (audited {@code
 * receipt.dead-lettered}), and an operator replays it: the same signed bytes back on the receipts
 * queue (audited {@code receipt.replayed}). The partner's border takes a receipt it has seen before
 * again, so a replay is harmless.
 */
@Component("receiptDeadLetters")
public class ReceiptDeadLetters {

  /** The route that puts a replayed receipt back on the receipts queue. */
  static final String REQUEUE = "direct:requeue-dead-letter-receipt";

  /** Header naming why the attempt failed, set by route {@code return-receipts}. */
  public static final String FAILURE = "kopirFailure";

  /** Exchange property of route {@code return-receipts}: the message id the receipt is for. */
  public static final String RECEIPT_FOR = "kopirReceiptFor";

  private static final Logger LOG = LoggerFactory.getLogger(ReceiptDeadLetters.class);

  private final ReceiptDeadLetterStore store;
  private final AuditTrail audit;
  private final ProducerTemplate producer;
  private final Clock clock;
  private final MeterRegistry registry;

  /** Where the broker moved a dead letter from (set by Artemis on the dead letter). */
  static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";

  private final InboxLedger inbox;
  private final Partners partners;
  private final QueueNames queues;

  public ReceiptDeadLetters(
      ReceiptDeadLetterStore store,
      AuditTrail audit,
      ProducerTemplate producer,
      Clock clock,
      MeterRegistry registry,
      InboxLedger inbox,
      Partners partners,
      QueueNames queues) {
    this.queues = queues;
    this.inbox = inbox;
    this.partners = partners;
    this.store = store;
    this.audit = audit;
    this.producer = producer;
    this.clock = clock;
    this.registry = registry;
  }

  /** Step of route {@code return-receipts}: an attempt the partner did not answer with 204. */
  public void failed(
      @ExchangeProperty(RECEIPT_FOR) String messageId, @Header(FAILURE) String failure) {
    if (messageId != null && !messageId.isEmpty()) {
      store.failed(messageId, failure, clock.instant());
    }
  }

  /** Step of route {@code return-receipts}: the partner took the receipt. */
  public void delivered(@ExchangeProperty(RECEIPT_FOR) String messageId) {
    if (messageId != null && !messageId.isEmpty()) {
      store.forget(messageId);
    }
  }

  /** Step of route {@code park-dead-letter-receipts}: a receipt the broker moved aside. */
  public void park(@Body String signedReceipt, @Headers Map<String, Object> headers) {
    ParkedReceipt receipt = ParkedReceipt.of(signedReceipt, headers);
    if (receipt.messageId() == null || signedReceipt == null) {
      LOG.warn("Dead-lettered receipt without a Kopir message id discarded");
      return;
    }
    String reason = DeadLetterReason.ATTEMPTS_EXHAUSTED.name();
    int attempts = store.park(receipt, reason, clock.instant());
    Object from = headers.get(ORIGINAL_ADDRESS);
    String prefix = queues.getReceipts() + ".";
    if (from != null && from.toString().startsWith(prefix)) {
      store.partner(receipt.messageId(), from.toString().substring(prefix.length()));
    }
    String lastFailure = store.find(receipt.messageId()).map(DeadReceipt::lastFailure).orElse(null);
    audit.record(
        AuditEntry.of(AuditEvent.RECEIPT_DEAD_LETTERED)
            .messageId(receipt.messageId())
            .actor("node")
            .outcome(AuditOutcome.FAILED)
            .detail("outcome", receipt.outcome())
            .detail("receiptId", receipt.receiptId())
            .detail("reason", reason)
            .detail("lastFailure", lastFailure)
            .detail("attempts", attempts)
            .build());
    Counter.builder("kopir.receipts.dead.lettered").register(registry).increment();
    LOG.warn("Receipt for {} dead-lettered after {} attempts", receipt.messageId(), attempts);
  }

  /**
   * Puts a parked receipt back on the receipts queue. {@code actor} is the operator as written in
   * audit records ({@code user:<name>}).
   */
  public void replay(String messageId, String actor) {
    DeadReceipt row =
        store
            .find(messageId)
            .orElseThrow(
                () -> new KopirException(ErrorCode.NOT_FOUND, "No dead-lettered receipt."));
    String partner = partnerOf(messageId);
    if (partners.node(partner).isEmpty()) {
      throw new KopirException(
          ErrorCode.NOT_REPLAYABLE,
          "The node the receipt is for is not a partner of this node any more; the receipt stays"
              + " parked until it is.");
    }
    ParkedReceipt parked =
        store
            .parked(messageId)
            .orElseThrow(
                () -> new KopirException(ErrorCode.NOT_FOUND, "No dead-lettered receipt."));
    if (!store.unpark(messageId)) {
      throw new KopirException(ErrorCode.NOT_FOUND, "No dead-lettered receipt.");
    }
    try {
      send(parked, partner, clock.instant());
    } catch (RuntimeException e) {
      store.restore(parked, row);
      LOG.warn("Replay of the receipt for {} failed: {}", messageId, e.getClass().getSimpleName());
      throw new KopirException(
          ErrorCode.SERVICE_UNAVAILABLE, "The receipts queue is unavailable; the receipt stays.");
    }
    audit.record(
        AuditEntry.of(AuditEvent.RECEIPT_REPLAYED)
            .messageId(messageId)
            .actor(actor)
            .detail("outcome", row.outcome())
            .detail("receiptId", row.receiptId())
            .detail("previousReason", row.reason())
            .detail("attempts", row.attempts())
            .build());
  }

  /** The node that sent message {@code messageId}, to which its receipt goes back. */
  private String partnerOf(String messageId) {
    Optional<String> recorded = store.partnerOf(messageId);
    if (recorded.isPresent()) {
      return recorded.get();
    }
    return inbox
        .find(messageId)
        .map(
            entry ->
                entry.senderNode() != null
                    ? entry.senderNode()
                    : partners.agency(entry.senderAgency()).map(p -> p.node()).orElse(null))
        .orElseThrow(
            () ->
                new KopirException(
                    ErrorCode.NOT_REPLAYABLE, "The node that sent the message is not known."));
  }

  /**
   * Back onto the receipts queue of the sending node through route {@code
   * requeue-dead-letter-receipt}.
   */
  private void send(ParkedReceipt parked, String partner, Instant now) {
    Map<String, Object> headers = new HashMap<>();
    headers.put(MessageHeaders.PARTNER, partner);
    headers.put(MessageHeaders.MESSAGE_ID, parked.messageId());
    // The broker remembers the receipt's duplicate id; each replay needs an id of its own.
    headers.put(
        MessageHeaders.DUPLICATE_ID,
        "retrieved:" + parked.messageId() + ":replay:" + now.toEpochMilli());
    producer.sendBodyAndHeaders(REQUEUE, parked.signedReceipt(), headers);
  }
}
