package org.kopir.gateway.border;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditStore;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.broker.MessageHeaders;
import org.kopir.gateway.crypto.MessageSigner;
import org.kopir.gateway.links.LinkKeyStore;
import org.kopir.gateway.observability.MessageMetrics;
import org.springframework.stereotype.Component;

/**
 * Steps of the border route after verification: idempotent registration, the inbox message, and the
 * receipt answer.
 */
@Component("borderSteps")
public class BorderSteps {

  /** Exchange property: the message's row was already registered but not yet enqueued. */
  static final String RESUMED = "kopirBorderResumed";

  /**
   * Exchange property: the DELIVERED receipt this delivery stored with the message's row, which is
   * the receipt it answers with; absent when an earlier delivery stored the row.
   */
  static final String REGISTERED_RECEIPT = "kopirBorderRegisteredReceipt";

  private final InboxLedger ledger;
  private final Receipts receipts;
  private final MessageSigner signer;
  private final LinkKeyStore links;
  private final AuditTrail audit;
  private final AuditStore auditRecords;
  private final MessageMetrics metrics;
  private final Clock clock;
  private final ObjectMapper mapper = new ObjectMapper();

  public BorderSteps(
      InboxLedger ledger,
      Receipts receipts,
      MessageSigner signer,
      LinkKeyStore links,
      AuditTrail audit,
      AuditStore auditRecords,
      MessageMetrics metrics,
      Clock clock) {
    this.ledger = ledger;
    this.receipts = receipts;
    this.signer = signer;
    this.links = links;
    this.audit = audit;
    this.auditRecords = auditRecords;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * A repeat of a delivered message is answered with its original receipt, after its {@code
   * border.verified} record is written.
   */
  public void answerRepeat(Exchange exchange) {
    InboundDelivery delivery = delivery(exchange);
    Optional<String> earlier =
        ledger.earlierReceipt(delivery.header().messageId(), delivery.envelopeDigest());
    exchange.setProperty(InboundDelivery.REPEAT, earlier.isPresent());
    if (earlier.isPresent()) {
      audit.recordAll(BorderIntake.takeVerifiedRecord(exchange));
      answer(exchange, earlier.get());
    }
  }

  /**
   * Stores the message id with its DELIVERED receipt before the inbox holds the message, with the
   * message's link keys and its {@code border.verified} record, in one commit (a step of the audit
   * trail's batch). If it fails, the record stays kept for the refusal that answers the failure.
   */
  public void register(Exchange exchange) {
    InboundDelivery delivery = delivery(exchange);
    String receipt =
        signer
            .signReceipt(
                receipts.issue(
                    ReceiptOutcome.DELIVERED,
                    delivery.header().messageId(),
                    delivery.envelopeDigest(),
                    null))
            .toString();
    JsonNode envelope = delivery.signedMessage().path("envelope");
    List<AuditEntry> verified = BorderIntake.verifiedRecord(exchange);
    InboxLedger.Registration registration =
        audit.recordWith(
            records -> {
              records.addAll(verified);
              return ledger.register(
                  delivery, receipt, () -> links.record(envelope, delivery.caseToken()));
            });
    BorderIntake.verifiedRecordWritten(exchange);
    Optional<String> earlier = registration.earlierReceipt();
    exchange.setProperty(InboundDelivery.REPEAT, earlier.isPresent());
    exchange.setProperty(RESUMED, registration.resumed());
    if (earlier.isEmpty() && !registration.resumed()) {
      exchange.setProperty(REGISTERED_RECEIPT, receipt);
    }
    earlier.ifPresent(stored -> answer(exchange, stored));
    if (registration.resumed()) {
      // an earlier delivery registered the row and stopped: its link keys may be missing
      links.record(envelope, delivery.caseToken());
    }
  }

  /** The inbox message: the signed message exactly as received, with routing facts. */
  public void prepareInboxMessage(Exchange exchange) {
    InboundDelivery delivery = delivery(exchange);
    ObjectNode item = mapper.createObjectNode();
    item.put("messageId", delivery.header().messageId());
    item.put("messageType", delivery.header().messageType());
    item.put("receivedAt", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    item.putObject("sender")
        .put("country", delivery.header().senderCountry())
        .put("agency", delivery.header().senderAgency());
    item.putObject("recipient")
        .put("country", delivery.header().recipientCountry())
        .put("agency", delivery.header().recipientAgency());
    item.set("signedMessage", delivery.signedMessage());
    Message message = exchange.getMessage();
    message.removeHeaders("*");
    message.setHeader(MessageHeaders.MESSAGE_ID, delivery.header().messageId());
    message.setHeader(MessageHeaders.MESSAGE_TYPE, delivery.header().messageType());
    message.setHeader(MessageHeaders.RECIPIENT_AGENCY, delivery.header().recipientAgency());
    message.setHeader(MessageHeaders.DUPLICATE_ID, delivery.header().messageId());
    message.setBody(item.toString());
  }

  /**
   * After the inbox holds the message: audits inbox.enqueued and receipt.sent, marks it enqueued
   * and answers with the stored receipt: the one this delivery stored, kept since, or, when the
   * delivery resumed an earlier one's registration, the one read from the row. The records and the
   * mark commit in one transaction, and a delivery that resumes an interrupted one records them
   * only if the interrupted one did not (an earlier version committed the records before the mark),
   * so each message has them once whatever crashes in between.
   */
  public void enqueued(Exchange exchange) {
    InboundDelivery delivery = delivery(exchange);
    String messageId = delivery.header().messageId();
    boolean resumed = Boolean.TRUE.equals(exchange.getProperty(RESUMED, Boolean.class));
    boolean marked =
        audit.recordWith(
            records ->
                ledger.markEnqueued(
                    messageId,
                    () -> {
                      if (!resumed || !auditedAsEnqueued(messageId)) {
                        records.add(
                            entry(AuditEvent.INBOX_ENQUEUED, delivery)
                                .detail("agency", delivery.header().recipientAgency())
                                .build());
                        records.add(
                            entry(AuditEvent.RECEIPT_SENT, delivery)
                                .detail("outcome", "DELIVERED")
                                .build());
                      }
                    }));
    if (marked) {
      metrics.inboxEnqueued(delivery.header().messageType());
    }
    String registered = exchange.getProperty(REGISTERED_RECEIPT, String.class);
    answer(exchange, registered != null ? registered : ledger.receiptOf(messageId));
  }

  private boolean auditedAsEnqueued(String messageId) {
    return auditRecords.byMessageId(messageId).stream()
        .anyMatch(record -> AuditEvent.INBOX_ENQUEUED.wireName().equals(record.event()));
  }

  private static AuditEntry.Builder entry(AuditEvent event, InboundDelivery delivery) {
    return AuditEntry.of(event)
        .messageId(delivery.header().messageId())
        .messageType(delivery.header().messageType())
        .caseToken(delivery.caseToken())
        .actor("node");
  }

  private static void answer(Exchange exchange, String receipt) {
    Message message = exchange.getMessage();
    message.removeHeaders("*");
    message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
    message.setHeader(Exchange.CONTENT_TYPE, "application/json");
    message.setBody(receipt);
  }

  private static InboundDelivery delivery(Exchange exchange) {
    return exchange.getProperty(InboundDelivery.PROPERTY, InboundDelivery.class);
  }
}
