package org.kopir.gateway.channels.jms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.kopir.gateway.broker.Queues;
import org.kopir.gateway.channels.ChannelsProperties;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.error.ProblemBody;
import org.kopir.gateway.error.RefusalResponder;
import org.kopir.gateway.intake.JsonBodyReader;
import org.kopir.gateway.intake.Submissions;
import org.kopir.gateway.observability.MessageMetrics;
import org.springframework.stereotype.Component;

/**
 * Steps of the JMS intake routes ({@code routes/jms-intake.yaml}). The caller is the agency whose
 * outbox the message came from: the broker lets only that agency send there.
 */
@Component("jmsIntake")
public class JmsIntake {

  /** JMS property that tells notifications from delivered inbox items. */
  public static final String KIND = "kopirKind";

  public static final String NOTIFICATION = "notification";

  /** Exchange property: the submitted messageId once it is known to be a UUID. */
  static final String MESSAGE_ID = "kopirChannelMessageId";

  /** Exchange property: the JMS message id of the outbox message, for correlation. */
  static final String REQUEST_JMS_ID = "kopirChannelRequestId";

  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final String JSON = "application/json";

  private final JsonBodyReader reader;
  private final MessageMetrics metrics;
  private final ChannelsProperties channels;
  private final Clock clock;
  private final ObjectMapper mapper = new ObjectMapper();

  public JmsIntake(
      JsonBodyReader reader, MessageMetrics metrics, ChannelsProperties channels, Clock clock) {
    this.reader = reader;
    this.metrics = metrics;
    this.channels = channels;
    this.clock = clock;
  }

  /**
   * Reads the outbox message as the envelope. Every JMS header and property is dropped, so nothing
   * the agency set (a reply-to, a destination name) steers the node.
   */
  public void read(Exchange exchange) {
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
    in.setBody(envelope);
  }

  /** After {@code direct:submit} accepted the message: its answer becomes the notification. */
  public void accepted(Exchange exchange) throws Exception {
    JsonNode answer = mapper.readTree(exchange.getMessage().getBody(String.class));
    ObjectNode notification = mapper.createObjectNode();
    notification.put("kind", NOTIFICATION);
    notification.put("outcome", "accepted");
    notification.put("messageId", answer.path("messageId").asText());
    notification.put("status", answer.path("status").asText());
    notify(exchange, notification);
  }

  /** A refusal: the notification carries the same problem document the REST API answers. */
  public void refused(Exchange exchange) {
    KopirException refusal = RefusalResponder.refusalOf(exchange);
    metrics.refused(exchange.getFromRouteId(), refusal.code().name());
    ObjectNode notification = mapper.createObjectNode();
    notification.put("kind", NOTIFICATION);
    notification.put("outcome", "refused");
    notification.put("messageId", exchange.getProperty(MESSAGE_ID, String.class));
    notification.put("status", "REJECTED");
    notification.set("problem", ProblemBody.of(refusal));
    notify(exchange, notification);
  }

  private void notify(Exchange exchange, ObjectNode notification) {
    String agency = exchange.getProperty(Submissions.CALLER, String.class);
    String messageId = exchange.getProperty(MESSAGE_ID, String.class);
    String correlation =
        messageId != null ? messageId : exchange.getProperty(REQUEST_JMS_ID, String.class);
    Message out = exchange.getMessage();
    out.removeHeaders("*");
    out.setHeader(KIND, NOTIFICATION);
    if (correlation != null) {
      out.setHeader("JMSCorrelationID", correlation);
    }
    out.setHeader("JMSDeliveryMode", jakarta.jms.DeliveryMode.PERSISTENT);
    out.setHeader("JMSPriority", jakarta.jms.Message.DEFAULT_PRIORITY);
    out.setHeader(
        "JMSExpiration", clock.millis() + channels.getJms().getNotificationTtl().toMillis());
    out.setHeader("CamelJmsDestinationName", Queues.agencyInbox(agency));
    out.setBody(notification.toString());
  }
}
