package org.kopir.gateway.transport;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.json.JsonBodyReader;
import org.kopir.gateway.node.Partner;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * Steps of the {@code border-soap} route: reads DeliverMessage or DeliverReceipt ({@code
 * docs/wsdl/border.wsdl}) and answers with the status and signed receipt the HTTPS border would
 * have given. The partner node's certificate is checked before, by the border port's TLS and {@code
 * http.BorderPeerFilter}.
 */
@Component("soapBorder")
public class SoapBorderSteps {

  private final JsonBodyReader reader;

  public SoapBorderSteps(JsonBodyReader reader) {
    this.reader = reader;
  }

  public void read(Exchange exchange) {
    exchange.setProperty(Partner.BORDER_PEER, peer(exchange));
    Element request = requestElement(exchange);
    String operation =
        switch (request.getLocalName()) {
          case "DeliverMessageRequest" -> BorderChannel.DELIVER_MESSAGE;
          case "DeliverReceiptRequest" -> BorderChannel.DELIVER_RECEIPT;
          default ->
              throw new KopirException(
                  ErrorCode.MALFORMED_XML, "The SOAP body names no operation.");
        };
    exchange.setProperty(BorderChannel.OPERATION, operation);
    String childName =
        BorderChannel.DELIVER_MESSAGE.equals(operation)
            ? BorderXml.SIGNED_MESSAGE
            : BorderXml.SIGNED_RECEIPT;
    BorderChannel.receive(exchange, reader, operation, BorderXml.childText(request, childName));
  }

  /**
   * The partner node the border port's filter found for the connection, read from the servlet
   * request it wrapped (CXF hands it over with the message).
   */
  private static String peer(Exchange exchange) {
    org.apache.cxf.message.Message cxf =
        exchange
            .getIn()
            .getHeader(CxfConstants.CAMEL_CXF_MESSAGE, org.apache.cxf.message.Message.class);
    Object request = cxf == null ? null : cxf.get(AbstractHTTPDestination.HTTP_REQUEST);
    return request instanceof HttpServletRequest http
        ? http.getHeader(Partner.BORDER_PEER_HEADER)
        : null;
  }

  public void answer(Exchange exchange) {
    String operation = exchange.getProperty(BorderChannel.OPERATION, String.class);
    BorderChannel.Answer answer = BorderChannel.answer(exchange);
    Element response =
        BorderXml.element(
            BorderXml.newDocument(),
            (operation == null ? BorderChannel.DELIVER_MESSAGE : operation) + "Response");
    BorderXml.child(response, BorderXml.STATUS, Integer.toString(answer.status()));
    if (answer.signedReceipt() != null) {
      BorderXml.child(response, BorderXml.SIGNED_RECEIPT, answer.signedReceipt());
    }
    exchange.getMessage().setBody(BorderXml.payload(response));
  }

  private static Element requestElement(Exchange exchange) {
    CxfPayload<?> payload = exchange.getIn().getBody(CxfPayload.class);
    List<Element> body = payload == null ? List.of() : payload.getBody();
    if (body.isEmpty() || !BorderXml.NS.equals(body.get(0).getNamespaceURI())) {
      throw new KopirException(ErrorCode.MALFORMED_XML, "The SOAP body holds no border operation.");
    }
    return body.get(0);
  }
}
