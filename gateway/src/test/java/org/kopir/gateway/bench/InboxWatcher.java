package org.kopir.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.kopir.gateway.broker.MessageHeaders;

/**
 * The recipient agency's system reading its inbox queue over JMS, as an agency integrated by the
 * JMS channel does: it records when each message arrived. The full pipeline's inbox item names the
 * message in the JMS property {@code kopirMessageId} (SPEC §8.4), which it reads without parsing
 * the item; the transport-only baseline carries the submitted envelope unchanged, whose {@code
 * /header/messageId} it parses. A run names the messages it waits for ({@link #expect}), and each
 * arrival of one of them counts down, so that waiting costs nothing per message beyond the count.
 */
final class InboxWatcher implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Connection connection;
  private final Map<String, Instant> arrivals = new ConcurrentHashMap<>();
  private final AtomicInteger unreadable = new AtomicInteger();
  private volatile Expected expected = new Expected(Set.of());

  /** The messages of one run, and how many of them have not arrived yet. */
  private record Expected(Set<String> ids, CountDownLatch missing) {
    Expected(Set<String> ids) {
      this(ids, new CountDownLatch(ids.size()));
    }
  }

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
      String id = message.getStringProperty(MessageHeaders.MESSAGE_ID);
      if (id == null) {
        id = messageId(((TextMessage) message).getText());
      }
      if (id == null) {
        unreadable.incrementAndGet();
        return;
      }
      Expected run = expected;
      if (arrivals.putIfAbsent(id, now) == null && run.ids().contains(id)) {
        run.missing().countDown();
      }
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

  /**
   * Names the messages the next run submits; call it before submitting the first. Messages that
   * arrived before are not counted again.
   */
  void expect(Collection<String> messageIds) {
    Expected run = new Expected(Set.copyOf(messageIds));
    expected = run;
    for (String id : run.ids()) {
      if (arrivals.containsKey(id)) {
        run.missing().countDown();
      }
    }
  }

  /**
   * Waits until every message named by {@link #expect} has arrived, or for at most {@code timeout};
   * whether all arrived.
   */
  boolean awaitExpected(Duration timeout) throws InterruptedException {
    return expected.missing().await(timeout.toNanos(), TimeUnit.NANOSECONDS);
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
