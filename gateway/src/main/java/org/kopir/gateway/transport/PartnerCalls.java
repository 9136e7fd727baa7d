package org.kopir.gateway.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.apache.camel.component.http.HttpMethods;
import org.kopir.gateway.delivery.BorderAnswer;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * Steps of the partner-call routes ({@code routes/partner.camel.yaml}): each transport's request is
 * shaped here and its answer read into one {@link BorderAnswer}, so the forwarding and receipt
 * routes do not depend on the transport (SPEC §9). The signed bytes travel unchanged.
 */
@Component("partnerCalls")
public class PartnerCalls {

  /** Exchange property of the partner-call routes: DeliverMessage or DeliverReceipt. */
  public static final String OPERATION = "kopirBorderOperation";

  private final ObjectMapper mapper = new ObjectMapper();

  /** HTTPS: the signed JSON as the body of a POST. */
  public String httpsRequest(@Body String signedJson, @Headers Map<String, Object> headers) {
    headers.clear();
    headers.put(Exchange.HTTP_METHOD, HttpMethods.POST);
    headers.put(Exchange.CONTENT_TYPE, "application/json");
    return signedJson;
  }

  /** HTTPS: the status and, when the body is one, the signed receipt. */
  public BorderAnswer httpsAnswer(
      @Header(Exchange.HTTP_RESPONSE_CODE) Integer status, @Body byte[] body) {
    return new BorderAnswer(status == null ? 0 : status, receiptOf(body), null);
  }

  /**
   * SOAP: a SOAP 1.1 request of {@code docs/wsdl/border.wsdl} whose one element holds the signed
   * JSON as text, so the partner reads the very bytes that were signed.
   */
  public String soapRequest(
      @Body String signedJson,
      @ExchangeProperty(OPERATION) String operation,
      @Headers Map<String, Object> headers) {
    headers.clear();
    headers.put(Exchange.HTTP_METHOD, HttpMethods.POST);
    headers.put(Exchange.CONTENT_TYPE, "text/xml; charset=UTF-8");
    headers.put("SOAPAction", "\"" + BorderXml.NS + ":" + operation + "\"");
    String child =
        BorderXml.DELIVER_RECEIPT.equals(operation)
            ? BorderXml.SIGNED_RECEIPT
            : BorderXml.SIGNED_MESSAGE;
    return BorderXml.request(operation, child, signedJson);
  }

  /** SOAP: the operation's response element's status and receipt; a fault has neither. */
  public BorderAnswer soapAnswer(
      @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
      @Body byte[] body,
      @ExchangeProperty(OPERATION) String operation) {
    int httpStatus = status == null ? 0 : status;
    Element element = body == null ? null : BorderXml.responseElement(body);
    boolean answered =
        httpStatus == 200
            && element != null
            && BorderXml.NS.equals(element.getNamespaceURI())
            && (operation + "Response").equals(element.getLocalName());
    if (!answered) {
      return new BorderAnswer(httpStatus, null, null);
    }
    String receipt = BorderXml.childText(element, BorderXml.SIGNED_RECEIPT);
    return new BorderAnswer(
        statusOf(BorderXml.childText(element, BorderXml.STATUS), httpStatus),
        receipt == null
            ? null
            : receiptOf(receipt.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        null);
  }

  /** JMS: the signed JSON as the text of a persistent request naming its operation. */
  public String jmsRequest(
      @Body String signedJson,
      @ExchangeProperty(OPERATION) String operation,
      @Headers Map<String, Object> headers) {
    headers.clear();
    headers.put(JmsBorderSteps.OPERATION, operation);
    return signedJson;
  }

  /** JMS: the reply's status property and, when its text is one, the signed receipt. */
  public BorderAnswer jmsAnswer(@Header(JmsBorderSteps.STATUS) Integer status, @Body String body) {
    return new BorderAnswer(
        status == null ? 502 : status,
        body == null ? null : receiptOf(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        null);
  }

  /** The call did not reach the partner or timed out: named by class, never by its message. */
  public BorderAnswer unreachable(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught) {
    return BorderAnswer.unreachable(
        "partner unreachable: " + (caught == null ? "unknown" : caught.getClass().getSimpleName()));
  }

  private JsonNode receiptOf(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode node = mapper.readTree(body);
      return node != null && node.path("receipt").isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static int statusOf(String text, int fallback) {
    try {
      return text == null ? fallback : Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
