package org.kopir.gateway.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.crypto.Canonicalizer;
import org.kopir.gateway.crypto.CryptoProperties;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.observability.MessageLogContext;
import org.kopir.gateway.validation.EnvelopeHeader;
import org.kopir.gateway.validation.EnvelopeValidator;
import org.kopir.gateway.validation.ValidatedEnvelope;
import org.springframework.stereotype.Component;

/**
 * Opens the channel-independent pipeline ({@code direct:submit}). Every intake channel hands it the
 * parsed envelope as body and the authenticated agency in the {@link #CALLER} property; the
 * envelope is validated (schemas and rules) and its sender checked against the caller.
 */
@Component("submissions")
public class Submissions {

  /** Exchange property: id of the agency the channel authenticated. */
  public static final String CALLER = "kopirCaller";

  private final EnvelopeValidator validator;
  private final AuditTrail audit;
  private final CryptoProperties crypto;
  private final Clock clock;

  public Submissions(
      EnvelopeValidator validator, AuditTrail audit, CryptoProperties crypto, Clock clock) {
    this.validator = validator;
    this.audit = audit;
    this.crypto = crypto;
    this.clock = clock;
  }

  public void open(Exchange exchange) {
    ObjectNode envelope = exchange.getIn().getBody(ObjectNode.class);
    String caller = exchange.getProperty(CALLER, String.class);
    if (caller == null) {
      throw new KopirException(ErrorCode.NOT_AUTHENTICATED, "The submitting agency is unknown.");
    }
    ValidatedEnvelope validated = validator.validate(envelope);
    MessageLogContext.processing(String.valueOf(validated.messageId()));
    if (!caller.equals(validated.senderAgency())) {
      throw new KopirException(
          ErrorCode.SENDER_MISMATCH,
          "The authenticated agency is not the envelope's sender (/header/sender/agency).");
    }
    requireFresh(validated.sentAt());
    Submission submission =
        new Submission(
            EnvelopeHeader.read(envelope),
            envelope,
            Canonicalizer.digestHex(envelope),
            "agency:" + caller);
    exchange.setProperty(Submission.PROPERTY, submission);
    exchange.getIn().setBody(null);
    // Written with the submission's next records (Submission#takeReceived).
    submission.received(
        AuditEntry.of(AuditEvent.MESSAGE_RECEIVED)
            .messageId(submission.messageId())
            .messageType(submission.header().messageType())
            .actor(submission.actor())
            .detail("recipient", submission.header().recipientAgency())
            .detail("contentDigest", submission.contentDigest())
            .build());
  }

  /** SPEC §11: not older than the replay window, not beyond the clock skew in the future. */
  private void requireFresh(Instant sentAt) {
    Instant now = clock.instant();
    if (sentAt.isBefore(now.minus(crypto.getReplayWindow()))
        || sentAt.isAfter(now.plus(crypto.getClockSkew()))) {
      throw new KopirException(
          ErrorCode.STALE_MESSAGE,
          "header.sentAt is outside the accepted window (/header/sentAt).");
    }
  }
}
