package org.kopir.gateway.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.kopir.gateway.crypto.Canonicalizer;
import org.springframework.stereotype.Component;

/** Builds the border form of a processed submission (SPEC §3): {@code {"envelope": ...}}. */
@Component("outgoingMessages")
public class OutgoingMessages {

  private final ObjectMapper mapper = new ObjectMapper();

  public void build(Exchange exchange) {
    Submission submission = exchange.getProperty(Submission.PROPERTY, Submission.class);
    ObjectNode borderForm = mapper.createObjectNode();
    borderForm.set("envelope", submission.envelope());
    submission.outgoing(borderForm.toString(), Canonicalizer.digestHex(submission.envelope()));
  }
}
