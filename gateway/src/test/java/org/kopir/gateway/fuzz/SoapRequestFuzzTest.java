package org.kopir.gateway.fuzz;

import static org.kopir.gateway.error.ErrorCode.MALFORMED_JSON;
import static org.kopir.gateway.error.ErrorCode.MALFORMED_XML;
import static org.kopir.gateway.error.ErrorCode.PAYLOAD_TOO_LARGE;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.cxf.staxutils.StaxUtils;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kopir.gateway.border.BorderIntake;
import org.kopir.gateway.channels.ChannelsProperties;
import org.kopir.gateway.channels.soap.SoapIntake;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.transport.SoapBorderSteps;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * SOAP requests, local ({@code /ws/v1}, SubmitMessage and GetMessageStatus) and border ({@code
 * /border/ws/v1}, DeliverMessage and DeliverReceipt). The bytes are parsed as CXF parses a request
 * on those endpoints (its StAX reader with each endpoint's limits, read by taking them from the
 * endpoint configurations); the SOAP body's elements then go to the route's first step, {@link
 * SoapIntake#read} or {@link SoapBorderSteps#read}, and a border DeliverMessage on to the signature
 * check. Documented refusals: an exception from the parser (CXF answers it with a fault), {@code
 * MALFORMED_XML}, the JSON reader's codes, and for the border the verifier's.
 */
class SoapRequestFuzzTest {

  private static final String SOAP_11 = "http://schemas.xmlsoap.org/soap/envelope/";
  private static final String SOAP_12 = "http://www.w3.org/2003/05/soap-envelope";

  private static final CamelContext CAMEL = new DefaultCamelContext();
  private static final SoapIntake LOCAL = new SoapIntake(BorderMessageFuzzTest.READER, null);
  private static final SoapBorderSteps BORDER = new SoapBorderSteps(BorderMessageFuzzTest.READER);
  private static final Map<String, Object> LOCAL_LIMITS =
      limits(
          "org.kopir.gateway.channels.soap.SoapEndpointConfiguration",
          new ChannelsProperties().getSoap());
  private static final Map<String, Object> BORDER_LIMITS =
      limits("org.kopir.gateway.transport.BorderSoapEndpointConfiguration", null);

  private static final Set<ErrorCode> LOCAL_REFUSALS =
      Contract.codes(MALFORMED_XML, MALFORMED_JSON, PAYLOAD_TOO_LARGE);
  private static final Set<ErrorCode> BORDER_REFUSALS = borderRefusals();

  static {
    // CXF's and Woodstox's classes load here, not inside the first input's time limit.
    try {
      parse(
          soap(SOAP_11, "urn:kopir:border:v1", "DeliverMessageRequest", "x", "{}"), BORDER_LIMITS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> localRequests() {
    String envelope = Fixtures.referralFromKz().toString();
    return Stream.of(
            soap(
                SOAP_11, "urn:kopir:exchange:v1", "SubmitMessageRequest", "envelopeJson", envelope),
            soap(
                SOAP_12, "urn:kopir:exchange:v1", "SubmitMessageRequest", "envelopeJson", envelope),
            soap(
                SOAP_11,
                "urn:kopir:exchange:v1",
                "GetMessageStatusRequest",
                "messageId",
                "0193a4c2-7f3e-7cc1-9b5e-3a2f1c0d9e88"))
        .map(Arguments::of);
  }

  static Stream<Arguments> borderRequests() {
    Fixtures.Pki pki = Fixtures.pki();
    var envelope = Fixtures.referralFromKg();
    return Stream.of(
            soap(
                SOAP_11,
                "urn:kopir:border:v1",
                "DeliverMessageRequest",
                "signedMessageJson",
                pki.kgSigner().signMessage(envelope).toString()),
            soap(
                SOAP_11,
                "urn:kopir:border:v1",
                "DeliverReceiptRequest",
                "signedReceiptJson",
                pki.kgSigner()
                    .signReceipt(Fixtures.receiptFromKg(Fixtures.referralFromKz(), "RETRIEVED"))
                    .toString()))
        .map(Arguments::of);
  }

  @MethodSource("localRequests")
  @FuzzTest
  @Timeout(value = Fixtures.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void localRequest(byte[] request) throws Exception {
    Contract.refusesOnlyWith(
        LOCAL_REFUSALS,
        () -> {
          Exchange exchange = parse(request, LOCAL_LIMITS);
          if (exchange != null) {
            LOCAL.read(exchange);
          }
        });
  }

  @MethodSource("borderRequests")
  @FuzzTest
  @Timeout(value = Fixtures.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void borderRequest(byte[] request) throws Exception {
    Contract.refusesOnlyWith(BORDER_REFUSALS, () -> handleBorder(request));
  }

  /** What the border's SOAP route does with a request: read it, then verify what it carries. */
  private static void handleBorder(byte[] request) throws Exception {
    Exchange exchange = parse(request, BORDER_LIMITS);
    if (exchange == null) {
      return;
    }
    BORDER.read(exchange);
    var received = exchange.getProperty(BorderIntake.RECEIVED, ObjectNode.class);
    if (received != null) {
      BorderMessageFuzzTest.verifyMessage(received);
    } else {
      byte[] receipt = exchange.getIn().getBody(byte[].class);
      Fixtures.pki()
          .kzVerifier()
          .verifyReceipt(BorderMessageFuzzTest.READER.read(receipt, "application/json"));
    }
  }

  /**
   * Schema validation, signature verification and the test PKI are set up by the first valid border
   * request: once here, not inside the first input's time limit (on a loaded machine that alone
   * took more than the limit).
   */
  @org.junit.jupiter.api.BeforeAll
  static void warmUpTheBorderPath() throws Exception {
    for (Arguments request : borderRequests().toList()) {
      handleBorder((byte[]) request.get()[0]);
    }
  }

  /**
   * The exchange the route's first step sees: the SOAP body's element children as a CXF payload;
   * null when the parser refused the bytes or they are no SOAP envelope (CXF's own fault).
   */
  private static Exchange parse(byte[] request, Map<String, Object> limits) throws Exception {
    Document document;
    try {
      XMLStreamReader reader =
          StaxUtils.configureReader(
              StaxUtils.createXMLStreamReader(new ByteArrayInputStream(request)),
              integer(limits, StaxUtils.MAX_CHILD_ELEMENTS),
              integer(limits, StaxUtils.MAX_ELEMENT_DEPTH),
              integer(limits, StaxUtils.MAX_ATTRIBUTE_COUNT),
              integer(limits, StaxUtils.MAX_ATTRIBUTE_SIZE),
              integer(limits, StaxUtils.MAX_TEXT_LENGTH),
              longValue(limits, StaxUtils.MAX_ELEMENT_COUNT),
              longValue(limits, StaxUtils.MAX_XML_CHARACTERS));
      // As CXF's ReadHeadersInterceptor: whatever precedes the root element (a DTD, comments,
      // processing instructions) is skipped, not read into the document.
      if (!StaxUtils.skipToStartOfElement(reader)) {
        return null;
      }
      document = StaxUtils.read(reader);
    } catch (XMLStreamException | RuntimeException refused) {
      // CXF answers both with a SOAP fault before any route runs (AgencyChannelsTest checks the
      // fault for DTDs: Woodstox reports their entity references as events StaxUtils cannot read
      // and throws IllegalStateException). Hangs and blow-ups in the parser still fail the target.
      return null;
    }
    Element root = document.getDocumentElement();
    if (root == null
        || !"Envelope".equals(root.getLocalName())
        || !(SOAP_11.equals(root.getNamespaceURI()) || SOAP_12.equals(root.getNamespaceURI()))) {
      return null;
    }
    Element body = null;
    for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element
          && "Body".equals(element.getLocalName())
          && root.getNamespaceURI().equals(element.getNamespaceURI())) {
        body = element;
        break;
      }
    }
    if (body == null) {
      return null;
    }
    List<Element> elements = new ArrayList<>();
    for (Node node = body.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        elements.add(element);
      }
    }
    Exchange exchange = new DefaultExchange(CAMEL);
    exchange.getIn().setBody(new CxfPayload<>(new ArrayList<>(), elements));
    return exchange;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> limits(String configuration, ChannelsProperties.Soap soap) {
    try {
      Class<?> type = Class.forName(configuration);
      Method method =
          soap == null
              ? type.getDeclaredMethod("secureParsing")
              : type.getDeclaredMethod("secureParsing", ChannelsProperties.Soap.class);
      method.setAccessible(true);
      return (Map<String, Object>) (soap == null ? method.invoke(null) : method.invoke(null, soap));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the endpoint's parser limits cannot be read", e);
    }
  }

  private static Integer integer(Map<String, Object> limits, String key) {
    Object value = limits.get(key);
    return value == null ? null : Integer.valueOf(value.toString());
  }

  private static Long longValue(Map<String, Object> limits, String key) {
    Object value = limits.get(key);
    return value == null ? null : Long.valueOf(value.toString());
  }

  private static Set<ErrorCode> borderRefusals() {
    Set<ErrorCode> codes = EnumSet.copyOf(BorderMessageFuzzTest.MESSAGE_REFUSALS);
    codes.add(MALFORMED_XML);
    return codes;
  }

  private static byte[] soap(
      String soapNamespace, String namespace, String operation, String child, String text) {
    String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\""
            + soapNamespace
            + "\"><soap:Header/><soap:Body><k:"
            + operation
            + " xmlns:k=\""
            + namespace
            + "\"><k:"
            + child
            + ">"
            + escaped
            + "</k:"
            + child
            + "></k:"
            + operation
            + "></soap:Body></soap:Envelope>")
        .getBytes(StandardCharsets.UTF_8);
  }
}
