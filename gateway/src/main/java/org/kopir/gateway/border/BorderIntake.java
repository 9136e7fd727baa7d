package org.kopir.gateway.border;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.camel.Exchange;
import org.kopir.gateway.crypto.Canonicalizer;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.intake.EnvelopeHeader;
import org.kopir.gateway.intake.JsonBodyReader;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/** First step of the border route: reads a signed message (SPEC §3) from the partner node. */
@Component("borderIntake")
public class BorderIntake {

  private final JsonBodyReader reader;

  public BorderIntake(JsonBodyReader reader) {
    this.reader = reader;
  }

  public void read(Exchange exchange) {
    String contentType = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class);
    byte[] body = exchange.getIn().getBody(byte[].class);
    exchange.getIn().removeHeaders("*");
    exchange.getIn().setBody(null);
    exchange.setProperty(InboundDelivery.PROPERTY, inboundDelivery(reader.read(body, contentType)));
  }

  /** The delivery a signed message describes; shared by every border transport. */
  public InboundDelivery inboundDelivery(ObjectNode signedMessage) {
    JsonNode envelope = signedMessage.path("envelope");
    if (!(envelope instanceof ObjectNode envelopeObject)) {
      throw new KopirException(
          ErrorCode.SCHEMA_VIOLATION,
          "A signed message needs an envelope.",
          List.of(new FieldError("/envelope", "is required and must be an object")));
    }
    EnvelopeHeader header = EnvelopeHeader.read(envelopeObject);
    MDC.put("kopirMessageId", header.messageId());
    JsonNode caseToken = envelopeObject.path("header").path("caseToken");
    return new InboundDelivery(
        signedMessage,
        header,
        Canonicalizer.digestHex(envelopeObject),
        caseToken.isTextual() ? caseToken.asText() : null);
  }
}
