package org.kopir.gateway.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Headers;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.observability.MessageMetrics;
import org.springframework.dao.DuplicateKeyException;
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

  /**
   * Answers a repeat with the original result and marks the exchange so the route stops. A message
   * another submission is still processing is waited for and answered alike (see {@link
   * SubmissionLedger#register}).
   */
  public void answerRepeat(Exchange exchange) {
    Submission submission = submission(exchange);
    // A submission that meets a row of its message (a repeat, or one it may wait for) is on
    // record first.
    Optional<OutboundRecord> earlier =
        ledger.earlierAcceptance(submission, () -> audit.recordAll(submission.takeReceived()));
    exchange.setProperty(REPEAT, earlier.isPresent());
    earlier.ifPresent(record -> answer(exchange, record.messageId(), record.status()));
  }

  /**
   * Records the processed message before it is queued; a lost race answers as a repeat once the
   * winner has queued the message. Only the submission that registers the message writes the audit
   * records of its processing steps. A message seen for the first time, the usual case, has its
   * row, its {@code message.received} and those records in one commit.
   */
  public void register(Exchange exchange) {
    Submission submission = submission(exchange);
    if (submission.ledgerClaim() == null && registeredWithStepRecords(submission)) {
      exchange.setProperty(REPEAT, false);
      return;
    }
    // This submission may wait for another (SubmissionLedger#register): it is on record first.
    audit.recordAll(submission.takeReceived());
    Optional<OutboundRecord> earlier = ledger.register(submission);
    exchange.setProperty(REPEAT, earlier.isPresent());
    if (earlier.isPresent()) {
      submission.takeStepRecords();
      answer(exchange, earlier.get().messageId(), earlier.get().status());
    } else {
      audit.recordAll(submission.takeStepRecords());
    }
  }

  /**
   * The row of a message seen for the first time and the records of its processing steps, one step
   * of the audit trail's batch; false, with nothing written, when a row of the message is there
   * already (a repeat, a concurrent submission or an orphan: {@link SubmissionLedger#register}
   * decides what this submission does then, outside the audit writer, since it may wait).
   */
  private boolean registeredWithStepRecords(Submission submission) {
    try {
      audit.recordWith(
          records -> {
            ledger.insertNew(submission);
            records.addAll(submission.receivedRecords());
            return records.addAll(submission.stepRecords());
          });
    } catch (DuplicateKeyException raced) {
      return false;
    }
    submission.takeReceived();
    submission.takeStepRecords();
    return true;
  }

  /**
   * A submission that registered its message and then failed before queueing it (the broker refused
   * the send, or a step before it failed) releases its claim on the ledger row, so that a
   * resubmission processes the message again at once; the failure is then thrown on to the channel,
   * which answers it.
   */
  public void releaseAndRethrow(
      @ExchangeProperty(Submission.PROPERTY) Submission submission,
      @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure)
      throws Exception {
    ledger.release(
        submission,
        failure instanceof KopirException refusal
            ? refusal.code().name()
            : ErrorCode.INTERNAL_ERROR.name());
    throw failure;
  }

  /**
   * After the message is on the durable queue: status QUEUED (unless its consumer already took it
   * further) with its {@code message.queued} record in one transaction, and the {@code 202} answer.
   */
  public String accepted(
      @ExchangeProperty(Submission.PROPERTY) Submission submission,
      @Headers Map<String, Object> headers) {
    audit.recordWith(
        records -> {
          ledger.queued(submission.messageId());
          return records.add(
              AuditEntry.of(AuditEvent.MESSAGE_QUEUED)
                  .messageId(submission.messageId())
                  .messageType(submission.header().messageType())
                  .caseToken(submission.caseToken())
                  .actor(submission.actor())
                  .detail("priority", submission.header().priority())
                  .build());
        });
    metrics.accepted(submission.header().messageType());
    return answer(headers, submission.messageId(), OutboundStatus.QUEUED);
  }

  /** The answer {messageId, status} as body; {@code 202} and {@code Location} for REST. */
  private String answer(Map<String, Object> headers, String messageId, OutboundStatus status) {
    headers.clear();
    headers.put(Exchange.HTTP_RESPONSE_CODE, 202);
    headers.put(Exchange.CONTENT_TYPE, "application/json");
    headers.put("Location", "/api/v1/messages/" + messageId);
    return mapper
        .createObjectNode()
        .put("messageId", messageId)
        .put("status", status.name())
        .toString();
  }

  private void answer(Exchange exchange, String messageId, OutboundStatus status) {
    exchange.getMessage().setBody(answer(exchange.getMessage().getHeaders(), messageId, status));
  }

  private static Submission submission(Exchange exchange) {
    return exchange.getProperty(Submission.PROPERTY, Submission.class);
  }
}
