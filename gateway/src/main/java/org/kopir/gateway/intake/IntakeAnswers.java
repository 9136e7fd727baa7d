package org.kopir.gateway.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.observability.MessageMetrics;
import org.springframework.stereotype.Component;

/**
 * Records and answers accepted submissions (SPEC §8: {@code 202} with {@code messageId}, status and
 * {@code Location}); a repeat of an accepted message gets the same answer.
 */
@Component("intakeAnswers")
public class IntakeAnswers {

  /** Exchange property set when the submission repeats an accepted message. */
  public static final String REPEAT = "kopirRepeat";

  private final SubmissionLedger ledger;
  private final MessageMetrics metrics;
  private final AuditTrail audit;
  private final ObjectMapper mapper = new ObjectMapper();

  public IntakeAnswers(SubmissionLedger ledger, MessageMetrics metrics, AuditTrail audit) {
    this.ledger = ledger;
    this.metrics = metrics;
    this.audit = audit;
  }

  /** Answers a repeat with the original result and marks the exchange so the route stops. */
  public void answerRepeat(Exchange exchange) {
    Submission submission = submission(exchange);
    Optional<OutboundRecord> earlier =
        ledger.earlierAcceptance(submission.messageId(), submission.contentDigest());
    exchange.setProperty(REPEAT, earlier.isPresent());
    earlier.ifPresent(record -> answer(exchange, record.messageId(), record.status()));
  }

  /** Records the processed message before it is queued; a lost race answers as a repeat. */
  public void register(Exchange exchange) {
    Submission submission = submission(exchange);
    Optional<OutboundRecord> earlier = ledger.register(submission);
    exchange.setProperty(REPEAT, earlier.isPresent());
    earlier.ifPresent(record -> answer(exchange, record.messageId(), record.status()));
  }

  /** After the message is on the durable queue: status QUEUED and the {@code 202} answer. */
  public void accepted(Exchange exchange) {
    Submission submission = submission(exchange);
    ledger.transition(submission.messageId(), OutboundStatus.QUEUED, null);
    audit.record(
        AuditEntry.of(AuditEvent.MESSAGE_QUEUED)
            .messageId(submission.messageId())
            .messageType(submission.header().messageType())
            .caseToken(submission.caseToken())
            .actor(submission.actor())
            .detail("priority", submission.header().priority())
            .build());
    metrics.accepted(submission.header().messageType());
    answer(exchange, submission.messageId(), OutboundStatus.QUEUED);
  }

  private void answer(Exchange exchange, String messageId, OutboundStatus status) {
    var message = exchange.getMessage();
    message.removeHeaders("*");
    message.setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
    message.setHeader(Exchange.CONTENT_TYPE, "application/json");
    message.setHeader("Location", "/api/v1/messages/" + messageId);
    message.setBody(
        mapper
            .createObjectNode()
            .put("messageId", messageId)
            .put("status", status.name())
            .toString());
  }

  private static Submission submission(Exchange exchange) {
    return exchange.getProperty(Submission.PROPERTY, Submission.class);
  }
}
