package org.kopir.gateway.xml;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * DOM helpers for one XML namespace of ours (a WSDL's messages): building answers and finding
 * children. Its parser refuses DTDs and external entities, so documents from a peer can be read
 * with it safely.
 */
public final class NamespacedXml {

  private static final DocumentBuilderFactory FACTORY = secureFactory();

  private final String namespace;
  private final String prefix;

  public NamespacedXml(String namespace, String prefix) {
    this.namespace = namespace;
    this.prefix = prefix;
  }

  /** A namespace-aware parser with no DTDs, external entities or XInclude. */
  public static DocumentBuilder newBuilder() {
    try {
      return FACTORY.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new, empty document to build an answer in; nothing is parsed. */
  public static Document newDocument() {
    return newBuilder().newDocument();
  }

  /** The first element child of {@code parent} named {@code localName} in {@code namespace}. */
  public static Element firstChild(Element parent, String namespace, String localName) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element
          && namespace.equals(element.getNamespaceURI())
          && localName.equals(element.getLocalName())) {
        return element;
      }
    }
    return null;
  }

  public Element element(Document document, String localName) {
    return document.createElementNS(namespace, prefix + ":" + localName);
  }

  /** Appends a text element {@code localName} to {@code parent} and returns it. */
  public Element child(Element parent, String localName, String text) {
    Element child = element(parent.getOwnerDocument(), localName);
    child.setTextContent(text);
    parent.appendChild(child);
    return child;
  }

  public Element firstChild(Element parent, String localName) {
    return firstChild(parent, namespace, localName);
  }

  private static DocumentBuilderFactory secureFactory() {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
    return factory;
  }
}
