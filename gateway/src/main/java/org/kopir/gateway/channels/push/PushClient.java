package org.kopir.gateway.channels.push;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.kopir.gateway.channels.ChannelsProperties.PushTarget;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Sends one inbox item to an agency endpoint. Anything but the agency's success answer throws
 * {@link PushFailedException}, which rolls the JMS transaction back for a later retry.
 */
@Component
public class PushClient {

  static final String AGENCY_INBOX_NS = "urn:kopir:agency-inbox:v1";
  private static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
  private static final int MAX_ANSWER_BYTES = 64 * 1024;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  public void push(PushTarget target, String messageId, String messageType, String item) {
    switch (target.getType()) {
      case WEBHOOK -> webhook(target, messageId, item);
      case SOAP -> soap(target, messageId, messageType, item);
    }
  }

  private void webhook(PushTarget target, String messageId, String item) {
    HttpRequest request =
        base(target, messageId)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(item, StandardCharsets.UTF_8))
            .build();
    HttpResponse<byte[]> response = send(request);
    if (response.statusCode() / 100 != 2) {
      throw new PushFailedException("webhook answered HTTP " + response.statusCode());
    }
  }

  private void soap(PushTarget target, String messageId, String messageType, String item) {
    String envelope =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<soap:Envelope xmlns:soap=\""
            + SOAP_NS
            + "\"><soap:Body><inbox:DeliverMessageRequest xmlns:inbox=\""
            + AGENCY_INBOX_NS
            + "\"><inbox:messageId>"
            + escape(messageId)
            + "</inbox:messageId><inbox:messageType>"
            + escape(messageType)
            + "</inbox:messageType><inbox:itemJson>"
            + escape(item)
            + "</inbox:itemJson></inbox:DeliverMessageRequest></soap:Body></soap:Envelope>";
    HttpRequest request =
        base(target, messageId)
            .header("Content-Type", "text/xml; charset=utf-8")
            .header("SOAPAction", "\"urn:kopir:agency-inbox:v1:DeliverMessage\"")
            .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8))
            .build();
    HttpResponse<byte[]> response = send(request);
    if (response.statusCode() != 200 || !isDeliverResponse(response.body())) {
      throw new PushFailedException(
          "SOAP endpoint did not answer DeliverMessageResponse (HTTP "
              + response.statusCode()
              + ")");
    }
  }

  private static HttpRequest.Builder base(PushTarget target, String messageId) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(target.getUrl())).timeout(target.getTimeout());
    if (messageId != null) {
      // lets the agency recognise a repeat after a failure the node could not see
      builder.header("Idempotency-Key", messageId).header("X-Kopir-Message-Id", messageId);
    }
    return builder;
  }

  private HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new PushFailedException("endpoint unreachable: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PushFailedException("interrupted");
    }
  }

  /** The answer's SOAP body holds a DeliverMessageResponse (and therefore no fault). */
  static boolean isDeliverResponse(byte[] answer) {
    if (answer == null || answer.length == 0 || answer.length > MAX_ANSWER_BYTES) {
      return false;
    }
    try {
      Document document =
          secureFactory().newDocumentBuilder().parse(new ByteArrayInputStream(answer));
      Element root = document.getDocumentElement();
      if (!SOAP_NS.equals(root.getNamespaceURI()) || !"Envelope".equals(root.getLocalName())) {
        return false;
      }
      Element body = firstChild(root, SOAP_NS, "Body");
      return body != null && firstChild(body, AGENCY_INBOX_NS, "DeliverMessageResponse") != null;
    } catch (Exception e) {
      return false;
    }
  }

  private static Element firstChild(Element parent, String ns, String localName) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element) {
        return ns.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName())
            ? element
            : null;
      }
    }
    return null;
  }

  private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    return factory;
  }

  private static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
