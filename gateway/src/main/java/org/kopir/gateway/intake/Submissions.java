package org.kopir.gateway.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.kopir.gateway.crypto.Canonicalizer;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Opens the channel-independent pipeline ({@code direct:submit}). Every intake channel hands it the
 * parsed envelope as body and the authenticated agency in the {@link #CALLER} property.
 */
@Component("submissions")
public class Submissions {

  /** Exchange property: id of the agency the channel authenticated. */
  public static final String CALLER = "kopirCaller";

  /** Checks that the authenticated agency is the envelope's sender and starts the submission. */
  public void open(Exchange exchange) {
    ObjectNode envelope = exchange.getIn().getBody(ObjectNode.class);
    EnvelopeHeader header = EnvelopeHeader.read(envelope);
    MDC.put("kopirMessageId", header.messageId());
    String caller = exchange.getProperty(CALLER, String.class);
    if (caller == null) {
      throw new KopirException(ErrorCode.NOT_AUTHENTICATED, "The submitting agency is unknown.");
    }
    if (!caller.equals(header.senderAgency())) {
      throw new KopirException(
          ErrorCode.SENDER_MISMATCH,
          "The authenticated agency is not the envelope's sender (/header/sender/agency).");
    }
    exchange.setProperty(
        Submission.PROPERTY,
        new Submission(header, envelope, Canonicalizer.digestHex(envelope), "agency:" + caller));
    exchange.getIn().setBody(null);
  }
}
