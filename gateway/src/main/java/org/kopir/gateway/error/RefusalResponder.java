package org.kopir.gateway.error;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditOutcome;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.intake.Submission;
import org.kopir.gateway.intake.Submissions;
import org.kopir.gateway.observability.MessageMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns an exception caught by a route into its problem+json answer. Unexpected failures are logged
 * by class only: their messages may quote input.
 */
@Component("refusals")
public class RefusalResponder {

  private static final Logger LOG = LoggerFactory.getLogger(RefusalResponder.class);

  private final MessageMetrics metrics;
  private final AuditTrail audit;

  public RefusalResponder(MessageMetrics metrics, AuditTrail audit) {
    this.metrics = metrics;
    this.audit = audit;
  }

  /** The refusal carried by the exchange, or an internal error for anything unexpected. */
  public static KopirException refusalOf(Exchange exchange) {
    Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    if (caught instanceof KopirException refusal) {
      return refusal;
    }
    LOG.error(
        "Unexpected failure in route {}: {}",
        exchange.getFromRouteId(),
        caught == null ? "unknown" : caught.getClass().getName());
    return new KopirException(ErrorCode.INTERNAL_ERROR, "The message could not be processed.");
  }

  /** Answers the HTTP caller with the refusal as problem+json. */
  public void answer(Exchange exchange) {
    KopirException refusal = refusalOf(exchange);
    metrics.refused(channel(exchange), refusal.code().name());
    auditRejection(exchange, refusal);
    Message message = exchange.getMessage();
    message.removeHeaders("*");
    message.setHeader(Exchange.HTTP_RESPONSE_CODE, refusal.code().httpStatus());
    message.setHeader(Exchange.CONTENT_TYPE, ProblemBody.MEDIA_TYPE);
    message.setBody(ProblemBody.of(refusal).toString());
  }

  /** Every refusal is audited with its code; ids only when the envelope was readable. */
  public void auditRejection(Exchange exchange, KopirException refusal) {
    Submission submission = exchange.getProperty(Submission.PROPERTY, Submission.class);
    String caller = exchange.getProperty(Submissions.CALLER, String.class);
    AuditEntry.Builder entry =
        AuditEntry.of(AuditEvent.MESSAGE_REJECTED)
            .outcome(
                refusal.code() == ErrorCode.INTERNAL_ERROR
                    ? AuditOutcome.FAILED
                    : AuditOutcome.REFUSED)
            .actor(caller == null ? "unauthenticated" : "agency:" + caller)
            .detail("code", refusal.code().name())
            .detail("channel", channel(exchange));
    if (submission != null) {
      entry
          .messageId(submission.messageId())
          .messageType(submission.header().messageType())
          .caseToken(submission.caseToken());
    }
    audit.record(entry.build());
  }

  private static String channel(Exchange exchange) {
    String route = exchange.getFromRouteId();
    return route == null ? "unknown" : route;
  }
}
