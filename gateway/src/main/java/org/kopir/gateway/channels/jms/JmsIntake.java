package org.kopir.gateway.channels.jms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Headers;
import org.apache.camel.Message;
import org.kopir.gateway.broker.MessageHeaders;
import org.kopir.gateway.channels.ChannelsProperties;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.error.ProblemBody;
import org.kopir.gateway.json.JsonBodyReader;
import org.springframework.stereotype.Component;

/**
 * Steps of the JMS intake routes ({@code routes/jms-intake.yaml}). The caller is the agency whose
 * outbox the message came from: the broker lets only that agency send there.
 */
@Component("jmsIntake")
public class JmsIntake {

  /** Exchange property: the submitted messageId once it is known to be a UUID. */
  static final String MESSAGE_ID = "kopirChannelMessageId";

  /** Exchange property: the JMS message id of the outbox message, for correlation. */
  static final String REQUEST_JMS_ID = "kopirChannelRequestId";

  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final String JSON = "application/json";

  private final JsonBodyReader reader;
  private final ChannelsProperties channels;
  private final Clock clock;
  private final ObjectMapper mapper = new ObjectMapper();

  public JmsIntake(JsonBodyReader reader, ChannelsProperties channels, Clock clock) {
    this.reader = reader;
    this.channels = channels;
    this.clock = clock;
  }

  /**
   * Reads the outbox message as the envelope. Every JMS header and property is dropped, so nothing
   * the agency set (a reply-to, a destination name) steers the node.
   */
  public ObjectNode read(Exchange exchange) {
    Message in = exchange.getIn();
    String requestId = in.getHeader("JMSMessageID", String.class);
    if (requestId != null) {
      exchange.setProperty(REQUEST_JMS_ID, requestId);
    }
    byte[] body = in.getBody(byte[].class);
    in.removeHeaders("*");
    ObjectNode envelope = reader.read(body, JSON);
    JsonNode messageId = envelope.path("header").path("messageId");
    if (messageId.isTextual() && UUID.matcher(messageId.asText()).matches()) {
      exchange.setProperty(MESSAGE_ID, messageId.asText());
    }
    return envelope;
  }

  /** After {@code direct:submit} accepted the message (or a repeat of it): the notification. */
  public String accepted(
      @Body String answerJson,
      @ExchangeProperty(MESSAGE_ID) String messageId,
      @ExchangeProperty(REQUEST_JMS_ID) String requestId,
      @Headers Map<String, Object> headers)
      throws IOException {
    JsonNode answer = mapper.readTree(answerJson);
    ObjectNode notification = mapper.createObjectNode();
    notification.put("kind", MessageHeaders.NOTIFICATION);
    notification.put("outcome", "accepted");
    notification.put("messageId", answer.path("messageId").asText());
    notification.put("status", answer.path("status").asText());
    return notify(notification, messageId, requestId, headers);
  }

  /** A recorded refusal: the notification carries the same problem document REST answers. */
  public String refused(
      @Body KopirException refusal,
      @ExchangeProperty(MESSAGE_ID) String messageId,
      @ExchangeProperty(REQUEST_JMS_ID) String requestId,
      @Headers Map<String, Object> headers) {
    ObjectNode notification = mapper.createObjectNode();
    notification.put("kind", MessageHeaders.NOTIFICATION);
    notification.put("outcome", "refused");
    notification.put("messageId", messageId);
    notification.put("status", "REJECTED");
    notification.set("problem", ProblemBody.of(refusal));
    return notify(notification, messageId, requestId, headers);
  }

  /** The notification as body; as JMS headers its kind, correlation, persistence and expiry. */
  private String notify(
      ObjectNode notification, String messageId, String requestId, Map<String, Object> headers) {
    String correlation = messageId != null ? messageId : requestId;
    headers.clear();
    headers.put(MessageHeaders.KIND, MessageHeaders.NOTIFICATION);
    if (correlation != null) {
      headers.put("JMSCorrelationID", correlation);
    }
    headers.put("JMSDeliveryMode", jakarta.jms.DeliveryMode.PERSISTENT);
    headers.put("JMSPriority", jakarta.jms.Message.DEFAULT_PRIORITY);
    headers.put(
        "JMSExpiration", clock.millis() + channels.getJms().getNotificationTtl().toMillis());
    return notification.toString();
  }
}
