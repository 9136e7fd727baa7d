package org.kopir.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The recipient agency's system reading its inbox queue over JMS, as an agency integrated by the
 * JMS channel does: it records when each message arrived. The inbox item of the full pipeline names
 * the message at {@code /messageId}; the transport-only baseline carries the submitted envelope
 * unchanged ({@code /header/messageId}).
 */
final class InboxWatcher implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Connection connection;
  private final Map<String, Instant> arrivals = new ConcurrentHashMap<>();
  private final AtomicInteger unreadable = new AtomicInteger();

  InboxWatcher(int brokerPort, String agency, String password) throws JMSException {
    ActiveMQConnectionFactory factory =
        new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, agency, password);
    connection = factory.createConnection();
    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    session
        .createConsumer(session.createQueue("agency." + agency + ".inbox"))
        .setMessageListener(this::arrived);
    connection.start();
  }

  private void arrived(Message message) {
    Instant now = Instant.now();
    try {
      String id = messageId(((TextMessage) message).getText());
      if (id == null) {
        unreadable.incrementAndGet();
        return;
      }
      arrivals.putIfAbsent(id, now);
    } catch (JMSException | IOException | ClassCastException e) {
      unreadable.incrementAndGet();
    }
  }

  private static String messageId(String text) throws IOException {
    JsonNode item = MAPPER.readTree(text);
    JsonNode id = item.path("messageId");
    if (id.isMissingNode()) {
      id = item.path("header").path("messageId");
    }
    return id.isTextual() ? id.asText() : null;
  }

  /** When the message arrived in the inbox; null while it has not. */
  Instant arrival(String messageId) {
    return arrivals.get(messageId);
  }

  /** Inbox messages that named no message (never expected: the run fails on them). */
  int unreadable() {
    return unreadable.get();
  }

  @Override
  public void close() throws JMSException {
    connection.close();
  }
}
