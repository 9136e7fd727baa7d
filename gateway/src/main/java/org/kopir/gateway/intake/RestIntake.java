package org.kopir.gateway.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.kopir.gateway.crypto.Canonicalizer;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * First step of the REST intake route: turns the HTTP request into a {@link Submission} and drops
 * every request header so nothing of the request (credentials included) flows further.
 */
@Component("restIntake")
public class RestIntake {

  private final JsonBodyReader reader;

  public RestIntake(JsonBodyReader reader) {
    this.reader = reader;
  }

  public void read(Exchange exchange) {
    String contentType = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class);
    byte[] body = exchange.getIn().getBody(byte[].class);
    exchange.getIn().removeHeaders("*");
    exchange.getIn().setBody(null);
    ObjectNode envelope = reader.read(body, contentType);
    EnvelopeHeader header = EnvelopeHeader.read(envelope);
    MDC.put("kopirMessageId", header.messageId());
    exchange.setProperty(
        Submission.PROPERTY,
        new Submission(
            header,
            envelope,
            Canonicalizer.digestHex(envelope),
            "agency:" + header.senderAgency()));
  }
}
