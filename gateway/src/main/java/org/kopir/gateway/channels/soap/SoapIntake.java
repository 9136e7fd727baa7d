package org.kopir.gateway.channels.soap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.intake.OutboundRecord;
import org.kopir.gateway.intake.SubmissionLedger;
import org.kopir.gateway.intake.Submissions;
import org.kopir.gateway.json.JsonBodyReader;
import org.kopir.gateway.security.Callers;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * Steps of the {@code soap-intake} route: names the caller from the TLS client certificate, reads
 * the operation's request element and answers it. SubmitMessage hands {@code direct:submit} the
 * same input as REST: the envelope parsed by {@link JsonBodyReader}.
 */
@Component("soapIntake")
public class SoapIntake {

  /** Exchange property: which operation the request asked for. */
  public static final String OPERATION = "kopirSoapOperation";

  public static final String SUBMIT = "SubmitMessage";
  public static final String STATUS = "GetMessageStatus";

  private static final String STATUS_MESSAGE_ID = "kopirSoapStatusMessageId";

  private final JsonBodyReader reader;
  private final SubmissionLedger ledger;
  private final ObjectMapper mapper = new ObjectMapper();

  public SoapIntake(JsonBodyReader reader, SubmissionLedger ledger) {
    this.reader = reader;
    this.ledger = ledger;
  }

  /** Caller, operation and request; every CXF and HTTP header is dropped afterwards. */
  public void read(Exchange exchange) {
    Message in = exchange.getIn();
    servletRequest(in)
        .flatMap(Callers::certificateCommonName)
        .ifPresent(agency -> exchange.setProperty(Submissions.CALLER, agency));
    Element request = requestElement(in);
    in.removeHeaders("*");
    switch (request.getLocalName()) {
      case ExchangeXml.SUBMIT_REQUEST -> {
        exchange.setProperty(OPERATION, SUBMIT);
        String json = requiredText(request, "envelopeJson");
        in.setBody(reader.read(json.getBytes(StandardCharsets.UTF_8), "application/json"));
      }
      case ExchangeXml.STATUS_REQUEST -> {
        exchange.setProperty(OPERATION, STATUS);
        exchange.setProperty(STATUS_MESSAGE_ID, requiredText(request, "messageId").strip());
        in.setBody(null);
      }
      default ->
          throw new KopirException(ErrorCode.MALFORMED_XML, "The SOAP body names no operation.");
    }
  }

  /** After {@code direct:submit}: its JSON answer as SubmitMessageResponse. */
  public void submitted(Exchange exchange) throws Exception {
    JsonNode answer = mapper.readTree(exchange.getMessage().getBody(String.class));
    Element response = ExchangeXml.element(ExchangeXml.newDocument(), "SubmitMessageResponse");
    ExchangeXml.child(response, "messageId", answer.path("messageId").asText());
    ExchangeXml.child(response, "status", answer.path("status").asText());
    answer(exchange, response);
  }

  /** GetMessageStatus: the status of a message this agency sent; others' look absent. */
  public void status(Exchange exchange) {
    String caller = exchange.getProperty(Submissions.CALLER, String.class);
    if (caller == null) {
      throw new KopirException(ErrorCode.NOT_AUTHENTICATED, "The calling agency is unknown.");
    }
    String messageId = exchange.getProperty(STATUS_MESSAGE_ID, String.class);
    OutboundRecord record =
        ledger
            .find(messageId)
            .filter(found -> caller.equals(found.senderAgency()))
            .orElseThrow(() -> new KopirException(ErrorCode.NOT_FOUND, "No such message."));
    Element response = ExchangeXml.element(ExchangeXml.newDocument(), "GetMessageStatusResponse");
    ExchangeXml.child(response, "messageId", record.messageId());
    ExchangeXml.child(response, "status", record.status().name());
    if (record.statusReason() != null) {
      ExchangeXml.child(response, "reason", record.statusReason());
    }
    ExchangeXml.child(response, "updatedAt", record.updatedAt().toString());
    answer(exchange, response);
  }

  private static void answer(Exchange exchange, Element response) {
    Message message = exchange.getMessage();
    // direct:submit's HTTP headers (202, Location) must not become the SOAP answer's
    message.removeHeaders("*");
    message.setBody(ExchangeXml.payload(response));
  }

  private static Element requestElement(Message in) {
    CxfPayload<?> payload = in.getBody(CxfPayload.class);
    List<Element> body = payload == null ? List.of() : payload.getBody();
    if (body.isEmpty()) {
      throw new KopirException(ErrorCode.MALFORMED_XML, "The SOAP body is empty.");
    }
    Element request = body.get(0);
    if (!ExchangeXml.NS.equals(request.getNamespaceURI())) {
      throw new KopirException(
          ErrorCode.MALFORMED_XML, "The SOAP body is not in namespace " + ExchangeXml.NS + ".");
    }
    return request;
  }

  private static String requiredText(Element request, String name) {
    Element element = ExchangeXml.firstChild(request, name);
    if (element == null) {
      throw new KopirException(ErrorCode.MALFORMED_XML, "The request has no " + name + " element.");
    }
    return element.getTextContent();
  }

  private static Optional<HttpServletRequest> servletRequest(Message in) {
    org.apache.cxf.message.Message cxf =
        in.getHeader(CxfConstants.CAMEL_CXF_MESSAGE, org.apache.cxf.message.Message.class);
    if (cxf != null
        && cxf.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof HttpServletRequest request) {
      return Optional.of(request);
    }
    return Optional.ofNullable(
        in.getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class));
  }
}
