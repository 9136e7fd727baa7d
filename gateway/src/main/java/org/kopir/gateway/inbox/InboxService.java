package org.kopir.gateway.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.border.InboxLedger;
import org.kopir.gateway.broker.MessageHeaders;
import org.kopir.gateway.broker.QueueNames;
import org.kopir.gateway.crypto.IdentityBlockCipher;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.pseudonymization.PseudonymizationPolicy;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Service;

/**
 * The agency inbox over REST (SPEC §8): pulling browses {@code agency.<agency>.inbox} without
 * consuming; acknowledging consumes the one message and records its retrieval. For an agency in
 * {@code reveal-at-delivery} mode the identity block is opened as the item is handed over, never
 * stored opened, and each reveal is audited (SPEC §4).
 */
@Service
public class InboxService {

  public static final String REVEAL_AT_DELIVERY = "reveal-at-delivery";

  /** The inbox queue also carries JMS-intake notifications; REST serves delivered messages. */
  private static final String DELIVERED_MESSAGES =
      MessageHeaders.KIND + " IS NULL AND " + MessageHeaders.MESSAGE_ID + " IS NOT NULL";

  private final JmsTemplate jms;
  private final QueueNames queues;
  private final NodeProperties node;
  private final InboxLedger ledger;
  private final IdentityBlockCipher cipher;
  private final AuditTrail audit;
  private final List<RetrievalListener> retrievalListeners;
  private final ObjectMapper mapper = new ObjectMapper();

  public InboxService(
      JmsTemplate jmsTemplate,
      QueueNames queues,
      NodeProperties node,
      InboxLedger ledger,
      IdentityBlockCipher cipher,
      AuditTrail audit,
      List<RetrievalListener> retrievalListeners) {
    this.jms = new JmsTemplate(jmsTemplate.getConnectionFactory());
    this.jms.setReceiveTimeout(2000);
    this.queues = queues;
    this.node = node;
    this.ledger = ledger;
    this.cipher = cipher;
    this.audit = audit;
    this.retrievalListeners = retrievalListeners;
  }

  /** Up to {@code limit} inbox items of {@code agency}, oldest first. */
  public List<ObjectNode> list(String agency, int limit) {
    requireLocalAgency(agency);
    List<ObjectNode> items =
        jms.browseSelected(
            queues.agencyInbox(agency),
            DELIVERED_MESSAGES,
            (session, browser) -> {
              List<ObjectNode> found = new ArrayList<>();
              Enumeration<?> messages = browser.getEnumeration();
              while (messages.hasMoreElements() && found.size() < limit) {
                found.add(parse((Message) messages.nextElement()));
              }
              return found;
            });
    if (items == null) {
      return Collections.emptyList();
    }
    if (REVEAL_AT_DELIVERY.equals(node.getAgencies().get(agency).getDeliveryMode())) {
      items.forEach(item -> reveal(agency, item));
    }
    return items;
  }

  /** Consumes the inbox item {@code messageId} of {@code agency}; false when it is not there. */
  public boolean acknowledge(String agency, String messageId) {
    requireLocalAgency(agency);
    String id = requireUuid(messageId);
    Message message =
        jms.receiveSelected(
            queues.agencyInbox(agency),
            DELIVERED_MESSAGES + " AND " + MessageHeaders.MESSAGE_ID + " = '" + id + "'");
    if (message == null) {
      return false;
    }
    boolean retrieved =
        audit.recordWith(
            records -> {
              if (!ledger.markRetrieved(id)) {
                return false;
              }
              return records.add(
                  AuditEntry.of(AuditEvent.INBOX_RETRIEVED)
                      .messageId(id)
                      .actor("agency:" + agency)
                      .build());
            });
    if (retrieved) {
      retrievalListeners.forEach(listener -> listener.retrieved(agency, id));
    }
    return true;
  }

  private void reveal(String agency, ObjectNode item) {
    JsonNode envelope = item.path("signedMessage").path("envelope");
    if (!(envelope.get("protected") instanceof ObjectNode block)
        || !(envelope.get("payload") instanceof ObjectNode payload)) {
      return;
    }
    ObjectNode identity = cipher.open(block);
    item.set("revealedPayload", PseudonymizationPolicy.merge(payload, identity));
    audit.record(
        AuditEntry.of(AuditEvent.IDENTITY_REVEALED)
            .messageId(item.path("messageId").asText())
            .messageType(item.path("messageType").asText())
            .caseToken(envelope.path("header").path("caseToken").asText(null))
            .actor("agency:" + agency)
            .detail("mode", REVEAL_AT_DELIVERY)
            .build());
  }

  private void requireLocalAgency(String agency) {
    if (!node.isLocalAgency(agency)) {
      throw new KopirException(ErrorCode.NOT_AUTHORIZED, "Not an agency of this node.");
    }
  }

  private static String requireUuid(String messageId) {
    try {
      String normalized = UUID.fromString(messageId).toString();
      if (normalized.equalsIgnoreCase(messageId)) {
        return messageId;
      }
    } catch (IllegalArgumentException e) {
      // falls through to the refusal
    }
    throw new KopirException(ErrorCode.NOT_FOUND, "No such inbox item.");
  }

  private ObjectNode parse(Message message) throws JMSException {
    if (!(message instanceof TextMessage text)) {
      throw new IllegalStateException("inbox holds a non-text message");
    }
    try {
      return (ObjectNode) mapper.readTree(text.getText());
    } catch (IOException e) {
      throw new IllegalStateException("inbox holds a message that is not JSON", e);
    }
  }
}
