package org.kopir.gateway.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.border.InboxLedger;
import org.kopir.gateway.border.ReceiptOutcome;
import org.kopir.gateway.border.Receipts;
import org.kopir.gateway.broker.Queues;
import org.kopir.gateway.crypto.MessageSigner;
import org.kopir.gateway.inbox.RetrievalListener;
import org.kopir.gateway.intake.OutboundMessages;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * When a recipient agency acknowledges a message, queues a signed {@code RETRIEVED} receipt for the
 * sending node (SPEC §5); the {@code return-receipts} route delivers it with retries.
 */
@Component
public class RetrievalReceipts implements RetrievalListener {

  private final InboxLedger ledger;
  private final Receipts receipts;
  private final MessageSigner signer;
  private final JmsTemplate jms;
  private final AuditTrail audit;
  private final String queue;

  public RetrievalReceipts(
      InboxLedger ledger,
      Receipts receipts,
      MessageSigner signer,
      JmsTemplate jms,
      AuditTrail audit,
      NodeProperties node) {
    this.ledger = ledger;
    this.receipts = receipts;
    this.signer = signer;
    this.jms = jms;
    this.audit = audit;
    this.queue = Queues.receipts(node.getPartner().getNode());
  }

  @Override
  public void retrieved(String agency, String messageId) {
    InboxLedger.Entry entry = ledger.find(messageId).orElseThrow();
    ObjectNode signed =
        signer.signReceipt(
            receipts.issue(ReceiptOutcome.RETRIEVED, messageId, entry.envelopeDigest(), null));
    jms.convertAndSend(
        queue,
        signed.toString(),
        message -> {
          message.setStringProperty(OutboundMessages.MESSAGE_ID, messageId);
          message.setStringProperty(OutboundMessages.DUPLICATE_ID, "retrieved:" + messageId);
          return message;
        });
    audit.record(
        AuditEntry.of(AuditEvent.RECEIPT_SENT)
            .messageId(messageId)
            .actor("node")
            .detail("outcome", ReceiptOutcome.RETRIEVED.name())
            .build());
  }
}
