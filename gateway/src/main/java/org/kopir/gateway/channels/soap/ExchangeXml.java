package org.kopir.gateway.channels.soap;

import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Elements of {@code docs/wsdl/exchange.xsd}, read and written as DOM (no parsing here). */
final class ExchangeXml {

  static final String NS = "urn:kopir:exchange:v1";
  static final String SUBMIT_REQUEST = "SubmitMessageRequest";
  static final String STATUS_REQUEST = "GetMessageStatusRequest";

  private static final DocumentBuilderFactory FACTORY = DocumentBuilderFactory.newInstance();

  static {
    FACTORY.setNamespaceAware(true);
  }

  private ExchangeXml() {}

  /** A new, empty document to build an answer in; nothing is parsed. */
  static Document newDocument() {
    try {
      return FACTORY.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  static Element element(Document document, String name) {
    return document.createElementNS(NS, "k:" + name);
  }

  static Element child(Element parent, String name, String text) {
    Element child = element(parent.getOwnerDocument(), name);
    child.setTextContent(text);
    parent.appendChild(child);
    return child;
  }

  /** The first element child of {@code parent} named {@code name} in the service namespace. */
  static Element firstChild(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element
          && NS.equals(element.getNamespaceURI())
          && name.equals(element.getLocalName())) {
        return element;
      }
    }
    return null;
  }

  static CxfPayload<Object> payload(Element answer) {
    answer.getOwnerDocument().appendChild(answer);
    List<Source> body = new java.util.ArrayList<>();
    body.add(new DOMSource(answer));
    return new CxfPayload<>(new java.util.ArrayList<>(), body, null);
  }
}
