package org.kopir.gateway.refusals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Headers;
import org.apache.camel.language.simple.Simple;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditOutcome;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.error.ProblemBody;
import org.kopir.gateway.intake.Submission;
import org.kopir.gateway.intake.Submissions;
import org.kopir.gateway.observability.MessageMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one refusal path of every intake channel (REST, SOAP, JMS, file drop): the refusal is
 * recorded alike — audited {@code message.rejected} with its code, actor and channel, counted in
 * {@code kopir.messages.refused} — and then answered in the channel's own form (problem+json here,
 * a SOAP fault by {@code soapFaults}, a notification by {@code jmsIntake}). Unexpected failures
 * become {@code INTERNAL_ERROR} and are logged by class only: their messages may quote input.
 */
@Component("refusals")
public class Refusals {

  private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

  private final MessageMetrics metrics;
  private final AuditTrail audit;

  public Refusals(MessageMetrics metrics, AuditTrail audit) {
    this.metrics = metrics;
    this.audit = audit;
  }

  /** The refusal {@code caught} carries, or an internal error for anything unexpected. */
  public static KopirException of(Throwable caught) {
    if (caught instanceof KopirException refusal) {
      return refusal;
    }
    LOG.error("Unexpected failure: {}", caught == null ? "unknown" : caught.getClass().getName());
    return new KopirException(ErrorCode.INTERNAL_ERROR, "The message could not be processed.");
  }

  /**
   * Step of every channel's error handling: audits and counts the refusal, which becomes the body
   * for the channel's answer. Ids are recorded only when the envelope was readable; the
   * submission's {@code message.received}, when not written yet, commits with the refusal.
   */
  public KopirException record(
      @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable caught,
      @ExchangeProperty(Submission.PROPERTY) Submission submission,
      @ExchangeProperty(Submissions.CALLER) String caller,
      @Simple("${fromRouteId}") String channel) {
    KopirException refusal = of(caught);
    metrics.refused(channel == null ? "unknown" : channel, refusal.code().name());
    AuditEntry.Builder entry =
        AuditEntry.of(AuditEvent.MESSAGE_REJECTED)
            .outcome(
                refusal.code() == ErrorCode.INTERNAL_ERROR
                    ? AuditOutcome.FAILED
                    : AuditOutcome.REFUSED)
            .actor(caller == null ? "unauthenticated" : "agency:" + caller)
            .detail("code", refusal.code().name())
            .detail("channel", channel == null ? "unknown" : channel);
    List<AuditEntry> records = new ArrayList<>();
    if (submission != null) {
      entry
          .messageId(submission.messageId())
          .messageType(submission.header().messageType())
          .caseToken(submission.caseToken());
      records.addAll(submission.takeReceived());
    }
    records.add(entry.build());
    audit.recordAll(records);
    return refusal;
  }

  /**
   * Step of a channel whose failures roll back for another attempt (JMS intake): the submission's
   * {@code message.received}, if not on record yet, is written before the failure goes on, as on
   * every other path; nothing is refused.
   */
  public void recordReceived(@ExchangeProperty(Submission.PROPERTY) Submission submission) {
    if (submission != null) {
      audit.recordAll(submission.takeReceived());
    }
  }

  /** REST: the refusal as an RFC 9457 problem+json answer with its HTTP status (SPEC §10). */
  public String problem(@Body KopirException refusal, @Headers Map<String, Object> headers) {
    headers.clear();
    headers.put(Exchange.HTTP_RESPONSE_CODE, refusal.code().httpStatus());
    headers.put(Exchange.CONTENT_TYPE, ProblemBody.MEDIA_TYPE);
    return ProblemBody.of(refusal).toString();
  }
}
