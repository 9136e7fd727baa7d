package org.kopir.gateway.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.kopir.gateway.broker.AgencyBrokerSecurity;
import org.kopir.gateway.delivery.BorderAnswer;
import org.kopir.gateway.delivery.BorderTransport;
import org.kopir.gateway.delivery.DeliveryProperties;
import org.kopir.gateway.delivery.TransientDeliveryException;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The JMS border transport: request-reply through the partner's broker. The signed JSON is the text
 * of a persistent message on the partner's border queue; the partner answers on a temporary queue
 * of this request within {@code kopir.delivery.request-timeout}, which is also the request's time
 * to live, so a request this node gave up on is not processed later.
 */
@Component
@ConditionalOnProperty(name = "kopir.delivery.transport", havingValue = "jms")
public class JmsBorderClient implements BorderTransport, DisposableBean {

  private final ObjectMapper mapper = new ObjectMapper();
  private final ActiveMQConnectionFactory factory;
  private final DeliveryProperties properties;
  private final String user;
  private final String password;

  public JmsBorderClient(NodeProperties node, DeliveryProperties properties) {
    DeliveryProperties.Jms jms = properties.getJms();
    if (jms.getBrokerUrl() == null || jms.getBrokerUrl().isBlank()) {
      throw new IllegalStateException(
          "kopir.delivery.transport=jms needs kopir.delivery.jms.broker-url");
    }
    this.properties = properties;
    this.user =
        jms.getUser() != null ? jms.getUser() : AgencyBrokerSecurity.nodeUser(node.getNode());
    this.password = jms.getPassword();
    this.factory = new ActiveMQConnectionFactory(jms.getBrokerUrl());
    // one attempt per delivery: retrying is the outbound queue's business
    factory.setReconnectAttempts(0);
    factory.setInitialConnectAttempts(1);
    factory.setCallTimeout(properties.getConnectTimeout().toMillis());
  }

  @Override
  public BorderAnswer send(String signedMessage) {
    Reply reply = request(JmsBorderSteps.DELIVER_MESSAGE, signedMessage);
    return new BorderAnswer(reply.status(), receiptOf(reply.body()));
  }

  @Override
  public int sendReceipt(String signedReceipt) {
    return request(JmsBorderSteps.DELIVER_RECEIPT, signedReceipt).status();
  }

  private Reply request(String operation, String json) {
    long timeout = properties.getRequestTimeout().toMillis();
    try (JMSContext context = factory.createContext(user, password, JMSContext.AUTO_ACKNOWLEDGE)) {
      TemporaryQueue replies = context.createTemporaryQueue();
      TextMessage request = context.createTextMessage(json);
      String correlationId = UUID.randomUUID().toString();
      request.setJMSCorrelationID(correlationId);
      request.setJMSReplyTo(replies);
      request.setStringProperty(JmsBorderSteps.OPERATION, operation);
      try (JMSConsumer consumer = context.createConsumer(replies)) {
        context
            .createProducer()
            .setDeliveryMode(DeliveryMode.PERSISTENT)
            .setTimeToLive(timeout)
            .send(context.createQueue(properties.getJms().getQueue()), request);
        Message reply = consumer.receive(timeout);
        if (reply == null) {
          throw new TransientDeliveryException("no answer within the request timeout");
        }
        if (!correlationId.equals(reply.getJMSCorrelationID())) {
          throw new TransientDeliveryException("answer to another request");
        }
        int status =
            reply.propertyExists(JmsBorderSteps.STATUS)
                ? reply.getIntProperty(JmsBorderSteps.STATUS)
                : 502;
        String body = reply instanceof TextMessage text ? text.getText() : null;
        return new Reply(status, body);
      }
    } catch (JMSRuntimeException | JMSException e) {
      throw new TransientDeliveryException(
          "partner broker unreachable: " + e.getClass().getSimpleName());
    }
  }

  private JsonNode receiptOf(String json) {
    if (json == null) {
      return null;
    }
    try {
      JsonNode node = mapper.readTree(json);
      return node != null && node.path("receipt").isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void destroy() {
    factory.close();
  }

  private record Reply(int status, String body) {}
}
