package org.kopir.gateway.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.kopir.gateway.delivery.BorderAnswer;
import org.kopir.gateway.delivery.BorderHttpClientFactory;
import org.kopir.gateway.delivery.BorderTransport;
import org.kopir.gateway.delivery.DeliveryProperties;
import org.kopir.gateway.delivery.TransientDeliveryException;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * The SOAP border transport: DeliverMessage and DeliverReceipt ({@code docs/wsdl/border.wsdl}) on
 * the partner's border port, over the same mutual TLS client as the HTTPS transport. The signed
 * JSON travels as the text of one element, so the partner reads the very bytes that were signed.
 */
@Component
@ConditionalOnProperty(name = "kopir.delivery.transport", havingValue = "soap")
public class SoapBorderClient implements BorderTransport {

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http;
  private final URI endpoint;
  private final DeliveryProperties properties;

  public SoapBorderClient(
      NodeProperties node, DeliveryProperties properties, BorderHttpClientFactory clients) {
    this.properties = properties;
    this.http = clients.create(properties.getConnectTimeout());
    String base = node.getPartner().getBorderUrl();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    this.endpoint = URI.create(base + properties.getSoap().getPath());
  }

  @Override
  public BorderAnswer send(String signedMessage) {
    Answer answer = call(BorderXml.DELIVER_MESSAGE, BorderXml.SIGNED_MESSAGE, signedMessage);
    return new BorderAnswer(answer.status(), receiptOf(answer.receiptJson()));
  }

  @Override
  public int sendReceipt(String signedReceipt) {
    return call(BorderXml.DELIVER_RECEIPT, BorderXml.SIGNED_RECEIPT, signedReceipt).status();
  }

  /** The operation's status element (HTTP terms) and receipt text; a fault has neither. */
  private Answer call(String operation, String childName, String json) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(properties.getRequestTimeout())
            .header("Content-Type", "text/xml; charset=UTF-8")
            .header("SOAPAction", "\"" + BorderXml.NS + ":" + operation + "\"")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    BorderXml.request(operation, childName, json), StandardCharsets.UTF_8))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new TransientDeliveryException("partner unreachable: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientDeliveryException("interrupted");
    }
    Element element = BorderXml.responseElement(response.body());
    boolean answered =
        response.statusCode() == 200
            && element != null
            && BorderXml.NS.equals(element.getNamespaceURI())
            && (operation + "Response").equals(element.getLocalName());
    if (!answered) {
      return new Answer(response.statusCode(), null);
    }
    return new Answer(
        statusOf(BorderXml.childText(element, BorderXml.STATUS), response.statusCode()),
        BorderXml.childText(element, BorderXml.SIGNED_RECEIPT));
  }

  private static int statusOf(String text, int fallback) {
    try {
      return text == null ? fallback : Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private JsonNode receiptOf(String json) {
    if (json == null) {
      return null;
    }
    try {
      JsonNode node = mapper.readTree(json);
      return node != null && node.path("receipt").isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private record Answer(int status, String receiptJson) {}
}
