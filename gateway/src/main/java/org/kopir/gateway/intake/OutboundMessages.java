package org.kopir.gateway.intake;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.kopir.gateway.broker.Priority;
import org.kopir.gateway.broker.Queues;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.stereotype.Component;

/**
 * Shapes the JMS message put on the outbound queue: the signed border form as body, and as
 * properties only identifiers and routing facts. The message id doubles as the broker's duplicate
 * id, so a resubmission after a crash cannot queue a message twice. The destination is the
 * partner's outbound queue of the message's priority, each with its own retry schedule.
 */
@Component("outboundMessages")
public class OutboundMessages {

  public static final String MESSAGE_ID = "kopirMessageId";
  public static final String MESSAGE_TYPE = "kopirMessageType";
  public static final String RECIPIENT_AGENCY = "kopirRecipientAgency";
  public static final String PRIORITY = "kopirPriority";
  public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
  public static final String ENVELOPE_DIGEST = "kopirEnvelopeDigest";

  /** Camel JMS header that overrides the endpoint's queue for one message. */
  public static final String DESTINATION = "CamelJmsDestinationName";

  private final String partnerNode;

  public OutboundMessages(NodeProperties node) {
    this.partnerNode = node.getPartner().getNode();
  }

  public void prepare(Exchange exchange) {
    Submission submission = exchange.getProperty(Submission.PROPERTY, Submission.class);
    Message message = exchange.getMessage();
    message.removeHeaders("*");
    message.setHeader(MESSAGE_ID, submission.messageId());
    message.setHeader(MESSAGE_TYPE, submission.header().messageType());
    message.setHeader(RECIPIENT_AGENCY, submission.header().recipientAgency());
    message.setHeader(PRIORITY, submission.header().priority());
    message.setHeader(ENVELOPE_DIGEST, submission.envelopeDigest());
    message.setHeader(DUPLICATE_ID, submission.messageId());
    Priority priority = Priority.of(submission.header().priority());
    message.setHeader("JMSPriority", priority.jmsPriority());
    message.setHeader(DESTINATION, Queues.outbound(partnerNode, priority));
    message.setBody(submission.signedMessage());
  }
}
