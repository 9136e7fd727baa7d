package org.kopir.gateway.transport;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.jms.JmsMessage;
import org.kopir.gateway.broker.BrokerLayout;
import org.kopir.gateway.json.JsonBodyReader;
import org.kopir.gateway.node.Partner;
import org.springframework.stereotype.Component;

/**
 * Steps of the {@code border-jms} route: the partner's request on the border queue (JMS property
 * {@value #OPERATION}, the signed JSON as text) and the reply Camel sends to its JMSReplyTo (the
 * signed receipt as text, its status in HTTP terms as int property {@value #STATUS}).
 */
@Component("jmsBorder")
public class JmsBorderSteps {

  /** JMS property of a request: DeliverMessage or DeliverReceipt. */
  public static final String OPERATION = "kopirOperation";

  /** JMS property of a reply: 200 with a receipt, 204, or a refusal's status. */
  public static final String STATUS = "kopirStatus";

  public static final String DELIVER_MESSAGE = BorderChannel.DELIVER_MESSAGE;
  public static final String DELIVER_RECEIPT = BorderChannel.DELIVER_RECEIPT;

  /**
   * The user the broker authenticated for the request's sender, stamped by the broker itself
   * (populate-validated-user; Artemis's {@code _AMQ_VALIDATED_USER}, which JMS reads as {@code
   * JMSXUserID}): a partner node sends as {@code <partner>-node}.
   */
  static final String VALIDATED_USER = "JMSXUserID";

  private final JsonBodyReader reader;

  public JmsBorderSteps(JsonBodyReader reader) {
    this.reader = reader;
  }

  public void read(Exchange exchange) {
    Message in = exchange.getIn();
    exchange.setProperty(Partner.BORDER_PEER, peer(validatedUser(in)));
    String operation = in.getHeader(OPERATION, DELIVER_MESSAGE, String.class);
    exchange.setProperty(BorderChannel.OPERATION, operation);
    BorderChannel.receive(exchange, reader, operation, in.getBody(String.class));
  }

  /**
   * Read from the JMS message itself: Camel does not map JMSX properties to headers, and a header
   * of that name set by anyone else would not count.
   */
  private static String validatedUser(Message in) {
    if (in instanceof JmsMessage jms && jms.getJmsMessage() != null) {
      try {
        return jms.getJmsMessage().getStringProperty(VALIDATED_USER);
      } catch (jakarta.jms.JMSException e) {
        return null;
      }
    }
    return null;
  }

  /** The partner node of broker user {@code <partner>-node}; {@code null} for any other. */
  static String peer(String validatedUser) {
    String suffix = BrokerLayout.partnerUser("");
    return validatedUser != null && validatedUser.endsWith(suffix)
        ? validatedUser.substring(0, validatedUser.length() - suffix.length())
        : null;
  }

  public void answer(Exchange exchange) {
    BorderChannel.Answer answer = BorderChannel.answer(exchange);
    Message message = exchange.getMessage();
    message.setHeader(STATUS, answer.status());
    message.setBody(answer.signedReceipt() == null ? "" : answer.signedReceipt());
  }
}
