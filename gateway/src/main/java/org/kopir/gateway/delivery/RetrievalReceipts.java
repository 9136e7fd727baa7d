package org.kopir.gateway.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.apache.camel.ProducerTemplate;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.border.InboxLedger;
import org.kopir.gateway.border.ReceiptOutcome;
import org.kopir.gateway.border.Receipts;
import org.kopir.gateway.broker.MessageHeaders;
import org.kopir.gateway.crypto.MessageSigner;
import org.kopir.gateway.inbox.RetrievalListener;
import org.kopir.gateway.node.Partner;
import org.kopir.gateway.node.Partners;
import org.springframework.stereotype.Component;

/**
 * When a recipient agency acknowledges a message, a signed {@code RETRIEVED} receipt for the
 * sending node (SPEC §5) goes through route {@code queue-retrieved-receipt} onto the receipts
 * queue; route {@code return-receipts} delivers it with retries.
 */
@Component("retrievalReceipts")
public class RetrievalReceipts implements RetrievalListener {

  /** The route that signs and queues the receipt. */
  static final String QUEUE_RECEIPT = "direct:queue-retrieved-receipt";

  private final InboxLedger ledger;
  private final Receipts receipts;
  private final MessageSigner signer;
  private final ProducerTemplate producer;
  private final AuditTrail audit;
  private final Partners partners;

  public RetrievalReceipts(
      InboxLedger ledger,
      Receipts receipts,
      MessageSigner signer,
      ProducerTemplate producer,
      AuditTrail audit,
      Partners partners) {
    this.ledger = ledger;
    this.receipts = receipts;
    this.signer = signer;
    this.producer = producer;
    this.audit = audit;
    this.partners = partners;
  }

  @Override
  public void retrieved(String agency, String messageId) {
    producer.sendBodyAndHeader(QUEUE_RECEIPT, null, MessageHeaders.MESSAGE_ID, messageId);
  }

  /**
   * The signed RETRIEVED receipt as body; as JMS properties only the message id, which doubles as
   * the broker's duplicate id so a repeated acknowledgement queues one receipt, and the node that
   * sent the message, whose receipts queue it goes to.
   */
  public String sign(
      @Header(MessageHeaders.MESSAGE_ID) String messageId, @Headers Map<String, Object> headers) {
    InboxLedger.Entry entry = ledger.find(messageId).orElseThrow();
    String partner =
        entry.senderNode() != null
            ? entry.senderNode()
            : partners
                .agency(entry.senderAgency())
                .map(Partner::node)
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "the sending node of " + messageId + " is not a partner"));
    ObjectNode signed =
        signer.signReceipt(
            receipts.issue(ReceiptOutcome.RETRIEVED, messageId, entry.envelopeDigest(), null));
    headers.clear();
    headers.put(MessageHeaders.MESSAGE_ID, messageId);
    headers.put(MessageHeaders.DUPLICATE_ID, "retrieved:" + messageId);
    headers.put(MessageHeaders.PARTNER, partner);
    return signed.toString();
  }

  /** Once the receipt is on the queue: audited {@code receipt.sent}. */
  public void queued(@Header(MessageHeaders.MESSAGE_ID) String messageId) {
    audit.record(
        AuditEntry.of(AuditEvent.RECEIPT_SENT)
            .messageId(messageId)
            .actor("node")
            .detail("outcome", ReceiptOutcome.RETRIEVED.name())
            .build());
  }
}
