package org.kopir.gateway.channels.soap;

import java.util.List;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.kopir.gateway.xml.NamespacedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Elements of {@code docs/wsdl/exchange.xsd}, read and written as DOM (no parsing here). */
final class ExchangeXml {

  static final String NS = "urn:kopir:exchange:v1";
  static final String SUBMIT_REQUEST = "SubmitMessageRequest";
  static final String STATUS_REQUEST = "GetMessageStatusRequest";

  private static final NamespacedXml XML = new NamespacedXml(NS, "k");

  private ExchangeXml() {}

  static Document newDocument() {
    return NamespacedXml.newDocument();
  }

  static Element element(Document document, String name) {
    return XML.element(document, name);
  }

  static Element child(Element parent, String name, String text) {
    return XML.child(parent, name, text);
  }

  /** The first element child of {@code parent} named {@code name} in the service namespace. */
  static Element firstChild(Element parent, String name) {
    return XML.firstChild(parent, name);
  }

  static CxfPayload<Object> payload(Element answer) {
    answer.getOwnerDocument().appendChild(answer);
    List<Source> body = new java.util.ArrayList<>();
    body.add(new DOMSource(answer));
    return new CxfPayload<>(new java.util.ArrayList<>(), body, null);
  }
}
