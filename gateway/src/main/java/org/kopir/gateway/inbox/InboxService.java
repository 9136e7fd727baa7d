package org.kopir.gateway.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.kopir.gateway.border.InboxLedger;
import org.kopir.gateway.broker.Queues;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.intake.OutboundMessages;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Service;

/**
 * The agency inbox over REST (SPEC §8): pulling browses {@code agency.<agency>.inbox} without
 * consuming; acknowledging consumes the one message and records its retrieval.
 */
@Service
public class InboxService {

  private final JmsTemplate jms;
  private final NodeProperties node;
  private final InboxLedger ledger;
  private final List<RetrievalListener> retrievalListeners;
  private final ObjectMapper mapper = new ObjectMapper();

  public InboxService(
      JmsTemplate jmsTemplate,
      NodeProperties node,
      InboxLedger ledger,
      List<RetrievalListener> retrievalListeners) {
    this.jms = new JmsTemplate(jmsTemplate.getConnectionFactory());
    this.jms.setReceiveTimeout(2000);
    this.node = node;
    this.ledger = ledger;
    this.retrievalListeners = retrievalListeners;
  }

  /** Up to {@code limit} inbox items of {@code agency}, oldest first. */
  public List<JsonNode> list(String agency, int limit) {
    requireLocalAgency(agency);
    List<JsonNode> items =
        jms.browse(
            Queues.agencyInbox(agency),
            (session, browser) -> {
              List<JsonNode> found = new ArrayList<>();
              Enumeration<?> messages = browser.getEnumeration();
              while (messages.hasMoreElements() && found.size() < limit) {
                found.add(parse((Message) messages.nextElement()));
              }
              return found;
            });
    return items == null ? Collections.emptyList() : items;
  }

  /** Consumes the inbox item {@code messageId} of {@code agency}; false when it is not there. */
  public boolean acknowledge(String agency, String messageId) {
    requireLocalAgency(agency);
    String id = requireUuid(messageId);
    Message message =
        jms.receiveSelected(
            Queues.agencyInbox(agency), OutboundMessages.MESSAGE_ID + " = '" + id + "'");
    if (message == null) {
      return false;
    }
    if (ledger.markRetrieved(id)) {
      retrievalListeners.forEach(listener -> listener.retrieved(agency, id));
    }
    return true;
  }

  public Optional<InboxLedger.Entry> find(String messageId) {
    return ledger.find(messageId);
  }

  private void requireLocalAgency(String agency) {
    if (!node.isLocalAgency(agency)) {
      throw new KopirException(ErrorCode.NOT_AUTHORIZED, "Not an agency of this node.");
    }
  }

  private static String requireUuid(String messageId) {
    try {
      return UUID.fromString(messageId).toString().equals(messageId.toLowerCase())
          ? messageId.toLowerCase()
          : invalid();
    } catch (IllegalArgumentException e) {
      return invalid();
    }
  }

  private static String invalid() {
    throw new KopirException(ErrorCode.NOT_FOUND, "No such inbox item.");
  }

  private JsonNode parse(Message message) throws JMSException {
    if (!(message instanceof TextMessage text)) {
      throw new IllegalStateException("inbox holds a non-text message");
    }
    try {
      return mapper.readTree(text.getText());
    } catch (IOException e) {
      throw new IllegalStateException("inbox holds a message that is not JSON", e);
    }
  }
}
