package org.kopir.gateway.intake;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Headers;
import org.kopir.gateway.broker.MessageHeaders;
import org.kopir.gateway.broker.Priority;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.node.Partners;
import org.springframework.stereotype.Component;

/**
 * Shapes the JMS message put on the outbound queue: the signed border form as body, in UTF-8 bytes
 * (a JMS bytes message: Artemis keeps a text message at two bytes a character, so its journal would
 * write, hold and compact twice what the form needs), and as properties only identifiers and
 * routing facts. The message id doubles as the broker's duplicate id, so a resubmission after a
 * crash cannot queue a message twice. The route sends it to the outbound queue of its partner
 * ({@code kopirPartner}, chosen by the recipient's country) and priority ({@code kopirPriority}),
 * each priority with its own retry schedule.
 */
@Component("outboundMessages")
public class OutboundMessages {

  private final Partners partners;

  public OutboundMessages(Partners partners) {
    this.partners = partners;
  }

  public byte[] prepare(
      @ExchangeProperty(Submission.PROPERTY) Submission submission,
      @Headers Map<String, Object> headers) {
    Priority priority = Priority.of(submission.header().priority());
    headers.clear();
    headers.put(MessageHeaders.MESSAGE_ID, submission.messageId());
    headers.put(MessageHeaders.MESSAGE_TYPE, submission.header().messageType());
    headers.put(MessageHeaders.RECIPIENT_AGENCY, submission.header().recipientAgency());
    headers.put(MessageHeaders.PRIORITY, priority.wireName());
    headers.put(
        MessageHeaders.PARTNER,
        partners
            .recipient(
                submission.header().recipientCountry(), submission.header().recipientAgency())
            .orElseThrow(
                () ->
                    new KopirException(
                        ErrorCode.UNKNOWN_RECIPIENT, "The recipient is not at a partner node."))
            .node());
    headers.put(MessageHeaders.ENVELOPE_DIGEST, submission.envelopeDigest());
    headers.put(MessageHeaders.DUPLICATE_ID, submission.messageId());
    headers.put("JMSPriority", priority.jmsPriority());
    return submission.signedMessage().getBytes(StandardCharsets.UTF_8);
  }
}
