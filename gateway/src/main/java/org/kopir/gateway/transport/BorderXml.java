package org.kopir.gateway.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.kopir.gateway.xml.NamespacedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Elements of {@code docs/wsdl/border.wsdl}, and the SOAP 1.1 envelope the sending side posts. */
final class BorderXml {

  static final String NS = "urn:kopir:border:v1";
  static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
  static final String DELIVER_MESSAGE = "DeliverMessage";
  static final String DELIVER_RECEIPT = "DeliverReceipt";
  static final String SIGNED_MESSAGE = "signedMessageJson";
  static final String SIGNED_RECEIPT = "signedReceiptJson";
  static final String STATUS = "status";

  private static final NamespacedXml XML = new NamespacedXml(NS, "b");

  private BorderXml() {}

  /** A SOAP 1.1 request whose body is {@code <operation>Request} holding one text element. */
  static String request(String operation, String childName, String text) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<soap:Envelope xmlns:soap=\""
        + SOAP_NS
        + "\"><soap:Body><b:"
        + operation
        + "Request xmlns:b=\""
        + NS
        + "\"><b:"
        + childName
        + ">"
        + escape(text)
        + "</b:"
        + childName
        + "></b:"
        + operation
        + "Request></soap:Body></soap:Envelope>";
  }

  /** The first element of the SOAP body of a response, or null when there is none. */
  static Element responseElement(byte[] soapResponse) {
    try {
      Document document = NamespacedXml.newBuilder().parse(new ByteArrayInputStream(soapResponse));
      Element body = firstChild(document.getDocumentElement(), SOAP_NS, "Body");
      if (body == null) {
        return null;
      }
      for (Node node = body.getFirstChild(); node != null; node = node.getNextSibling()) {
        if (node instanceof Element element) {
          return element;
        }
      }
      return null;
    } catch (SAXException | IOException e) {
      return null;
    }
  }

  static Document newDocument() {
    return NamespacedXml.newDocument();
  }

  static Element element(Document document, String name) {
    return XML.element(document, name);
  }

  static void child(Element parent, String name, String text) {
    XML.child(parent, name, text);
  }

  /** The text of the first child {@code name} in the service namespace, or null. */
  static String childText(Element parent, String name) {
    Element child = firstChild(parent, NS, name);
    return child == null ? null : child.getTextContent();
  }

  static Element firstChild(Element parent, String namespace, String name) {
    return NamespacedXml.firstChild(parent, namespace, name);
  }

  static CxfPayload<Object> payload(Element answer) {
    answer.getOwnerDocument().appendChild(answer);
    List<Source> body = new ArrayList<>();
    body.add(new DOMSource(answer));
    return new CxfPayload<>(new ArrayList<>(), body, null);
  }

  /** Escapes XML text; carriage returns too, which a parser would otherwise normalise. */
  private static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '\r' -> escaped.append("&#13;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
