package org.kopir.gateway.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kopir.gateway.audit.AuditQuery;
import org.kopir.gateway.audit.AuditQueryService;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.FreePorts;
import org.kopir.gateway.testsupport.TestNode;
import org.springframework.jms.core.JmsTemplate;

/**
 * The agency channels of one node (kz) with HTTPS and client certificates on the local API, the
 * embedded broker with agency security, and a WireMock agency endpoint for push delivery. The
 * partner is unreachable: accepted messages stay queued, which is all these tests need.
 */
class AgencyChannelsTest {

  private static final String CPC = "kz-cpc";
  private static final String ALMATY = "kz-almaty-guardianship";

  @TempDir static Path data;
  static TestNode kz;
  static WireMockServer agencyEndpoint;
  static int brokerPort;
  static HttpClient cpc;
  static String base;

  @BeforeAll
  static void start() {
    agencyEndpoint = new WireMockServer(wireMockConfig().dynamicPort());
    agencyEndpoint.start();
    brokerPort = FreePorts.next();
    kz =
        new TestNode("kz", data.resolve("kz"))
            .set("kopir.broker.port", brokerPort)
            .set("kopir.partners.kg.border-url", "http://127.0.0.1:1")
            .set("kopir.channels.push." + ALMATY + ".type", "webhook")
            .set("kopir.channels.push." + ALMATY + ".url", agencyEndpoint.baseUrl() + "/inbox")
            .set("kopir.channels.push." + ALMATY + ".timeout", "2s")
            .set("kopir.channels.push-retry.initial-delay", "100ms")
            .set("kopir.channels.push-retry.max-delay", "200ms")
            .set("kopir.channels.push-retry.max-attempts", "4")
            .start();
    base = kz.localUrl();
    cpc = AgencyClients.https(CPC);
  }

  @AfterAll
  static void stop() {
    if (kz != null) {
      kz.stop();
    }
    if (agencyEndpoint != null) {
      agencyEndpoint.stop();
    }
  }

  // ---- SOAP ----

  @Test
  void wsdlIsServedAtTheExchangeEndpoint() {
    HttpResponse<String> wsdl = AgencyClients.get(cpc, base + "/ws/exchange?wsdl");

    assertThat(wsdl.statusCode()).isEqualTo(200);
    assertThat(wsdl.body()).contains("SubmitMessage", "GetMessageStatus", "ExchangeService");
  }

  @Test
  void soapSubmissionIsAcceptedAndItsStatusCanBeAsked() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);

    HttpResponse<String> answer = soap(cpc, AgencyClients.submitRequest(envelope.toString()));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(AgencyClients.element(answer.body(), "messageId")).isEqualTo(id);
    assertThat(AgencyClients.element(answer.body(), "status")).isEqualTo("QUEUED");
    assertThat(answer.headers().firstValue("Location")).isEmpty();

    HttpResponse<String> status = soap(cpc, AgencyClients.statusRequest(id));
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(AgencyClients.element(status.body(), "messageId")).isEqualTo(id);
    assertThat(AgencyClients.element(status.body(), "status")).isNotBlank();
    assertThat(AgencyClients.element(status.body(), "updatedAt")).isNotBlank();
  }

  @Test
  void statusOfAnotherAgencysMessageIsNotFound() {
    ObjectNode envelope = Envelopes.referral();
    soap(cpc, AgencyClients.submitRequest(envelope.toString()));

    HttpResponse<String> status =
        soap(
            AgencyClients.https(ALMATY),
            AgencyClients.statusRequest(Envelopes.messageId(envelope)));

    assertThat(faultCode(status)).isEqualTo("NOT_FOUND");
  }

  @Test
  void soapWithoutClientCertificateIsNotAuthenticated() {
    HttpResponse<String> answer =
        AgencyClients.post(
            HttpClient.newBuilder().sslContext(anonymousContext()).build(),
            base + "/ws/exchange",
            "text/xml; charset=utf-8",
            AgencyClients.submitRequest(Envelopes.referral().toString()));

    assertThat(answer.statusCode()).isEqualTo(401);
  }

  @Test
  void externalEntityIsRefusedWithoutItsContent() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:k=\"urn:kopir:exchange:v1\"><soap:Body><k:SubmitMessageRequest>"
            + "<k:envelopeJson>&xxe;</k:envelopeJson></k:SubmitMessageRequest></soap:Body>"
            + "</soap:Envelope>";

    HttpResponse<String> answer = soap(cpc, xxe);

    assertThat(answer.statusCode()).isBetween(400, 500);
    assertThat(answer.body()).contains("Fault").doesNotContain("root:");
  }

  @Test
  void billionLaughsIsRefusedQuickly() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE d [<!ENTITY l0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY l").append(i).append(" \"");
      dtd.append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    String bomb =
        "<?xml version=\"1.0\"?>"
            + dtd
            + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:k=\"urn:kopir:exchange:v1\"><soap:Body><k:SubmitMessageRequest>"
            + "<k:envelopeJson>&l9;</k:envelopeJson></k:SubmitMessageRequest></soap:Body>"
            + "</soap:Envelope>";

    long started = System.nanoTime();
    HttpResponse<String> answer = soap(cpc, bomb);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(answer.statusCode()).isBetween(400, 500);
    assertThat(answer.body()).contains("Fault").doesNotContain("lollol");
  }

  @Test
  void deeplyNestedXmlIsRefused() {
    String deep = "<k:x>".repeat(500) + "</k:x>".repeat(500);
    String request =
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:k=\"urn:kopir:exchange:v1\"><soap:Body><k:SubmitMessageRequest>"
            + deep
            + "</k:SubmitMessageRequest></soap:Body></soap:Envelope>";

    HttpResponse<String> answer = soap(cpc, request);

    assertThat(answer.statusCode()).isBetween(400, 500);
    assertThat(answer.body()).contains("Fault");
  }

  @Test
  void requestWithoutEnvelopeIsMalformedXml() {
    String request =
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:k=\"urn:kopir:exchange:v1\"><soap:Body><k:SubmitMessageRequest/>"
            + "</soap:Body></soap:Envelope>";

    assertThat(faultCode(soap(cpc, request))).isEqualTo("MALFORMED_XML");
  }

  // ---- JMS ----

  @Test
  void jmsSubmissionIsAcceptedWithANotification() throws Exception {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    try (Connection connection = AgencyClients.jms(brokerPort, CPC, CPC + "-dev")) {
      JsonNode notification = AgencyClients.submitOverJms(connection, CPC, envelope.toString(), id);

      assertThat(notification.path("kind").asText()).isEqualTo("notification");
      assertThat(notification.path("outcome").asText()).isEqualTo("accepted");
      assertThat(notification.path("messageId").asText()).isEqualTo(id);
      assertThat(notification.path("status").asText()).isEqualTo("QUEUED");
    }
  }

  @Test
  void refusedJmsMessageIsConsumedNotRedelivered() throws Exception {
    try (Connection connection = AgencyClients.jms(brokerPort, CPC, CPC + "-dev")) {
      JsonNode notification = AgencyClients.submitOverJms(connection, CPC, "{\"header\":", null);
      assertThat(notification.path("problem").path("code").asText()).isEqualTo("MALFORMED_JSON");
      assertThat(notification.path("messageId").isNull()).isTrue();

      // the outbox is empty and no second notification follows (no redelivery)
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(5))
          .until(() -> outboxDepth(CPC) == 0);
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      var consumer =
          session.createConsumer(
              session.createQueue("agency." + CPC + ".inbox"), "kopirKind = 'notification'");
      // every notification of these tests is taken by the test that caused it
      assertThat(consumer.receive(1_500)).isNull();
    }
  }

  // ---- the same refusal code on every channel ----

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("MALFORMED_JSON", (UnaryOperator<String>) ignored -> "{\"header\": [1,"),
        Arguments.of(
            "SENDER_MISMATCH",
            (UnaryOperator<String>)
                ignored -> {
                  ObjectNode envelope = Envelopes.referral();
                  ((ObjectNode) envelope.path("header").path("sender")).put("agency", ALMATY);
                  return envelope.toString();
                }),
        Arguments.of(
            "SCHEMA_VIOLATION",
            (UnaryOperator<String>)
                ignored -> {
                  ObjectNode envelope = Envelopes.referral();
                  ((ObjectNode) envelope.get("header")).remove("messageType");
                  return envelope.toString();
                }),
        Arguments.of("DUPLICATE_ID", (UnaryOperator<String>) AgencyChannelsTest::changedDuplicate));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void everyChannelRefusesWithTheRestCode(String expected, UnaryOperator<String> build)
      throws Exception {
    long restAudited = rejections(expected, "rest-intake");
    long soapAudited = rejections(expected, "soap-intake");
    long jmsAudited = rejections(expected, "jms-intake-" + CPC);
    String restBody = build.apply("rest");
    HttpResponse<String> rest =
        AgencyClients.post(cpc, base + "/api/v1/messages", "application/json", restBody);
    String restCode = AgencyClients.json(rest.body()).path("code").asText();

    String soapCode = faultCode(soap(cpc, AgencyClients.submitRequest(build.apply("soap"))));

    JsonNode notification;
    String jmsBody = build.apply("jms");
    try (Connection connection = AgencyClients.jms(brokerPort, CPC, CPC + "-dev")) {
      notification = AgencyClients.submitOverJms(connection, CPC, jmsBody, idOf(jmsBody));
    }
    String jmsCode = notification.path("problem").path("code").asText();

    assertThat(restCode).isEqualTo(expected);
    assertThat(soapCode).isEqualTo(expected);
    assertThat(jmsCode).isEqualTo(expected);
    assertThat(notification.path("outcome").asText()).isEqualTo("refused");
    // one refusal path: every channel's refusal is audited message.rejected with its code
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(rejections(expected, "rest-intake")).isEqualTo(restAudited + 1);
              assertThat(rejections(expected, "soap-intake")).isEqualTo(soapAudited + 1);
              assertThat(rejections(expected, "jms-intake-" + CPC)).isEqualTo(jmsAudited + 1);
            });
  }

  @Test
  void aRepeatIsAnsweredLikeTheFirstSubmissionOnEveryChannel() throws Exception {
    ObjectNode overRest = Envelopes.referral();
    String restId = Envelopes.messageId(overRest);
    HttpResponse<String> first =
        AgencyClients.post(cpc, base + "/api/v1/messages", "application/json", overRest.toString());
    HttpResponse<String> again =
        AgencyClients.post(cpc, base + "/api/v1/messages", "application/json", overRest.toString());
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(AgencyClients.json(again.body()).path("messageId").asText()).isEqualTo(restId);

    ObjectNode overSoap = Envelopes.referral();
    String soapId = Envelopes.messageId(overSoap);
    soap(cpc, AgencyClients.submitRequest(overSoap.toString()));
    HttpResponse<String> soapAgain = soap(cpc, AgencyClients.submitRequest(overSoap.toString()));
    assertThat(soapAgain.statusCode()).isEqualTo(200);
    assertThat(AgencyClients.element(soapAgain.body(), "messageId")).isEqualTo(soapId);
    assertThat(AgencyClients.element(soapAgain.body(), "status")).isNotBlank();

    ObjectNode overJms = Envelopes.referral();
    String jmsId = Envelopes.messageId(overJms);
    try (Connection connection = AgencyClients.jms(brokerPort, CPC, CPC + "-dev")) {
      AgencyClients.submitOverJms(connection, CPC, overJms.toString(), jmsId);
      JsonNode repeat = AgencyClients.submitOverJms(connection, CPC, overJms.toString(), jmsId);

      assertThat(repeat.path("outcome").asText()).isEqualTo("accepted");
      assertThat(repeat.path("messageId").asText()).isEqualTo(jmsId);
      assertThat(repeat.path("status").asText()).isNotBlank();
    }
  }

  @Test
  void restSubmissionsOfOneEnvelopeAtTheSameMomentAreAcceptedOnceAndAnsweredAlike()
      throws Exception {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    int submitters = 4;
    CyclicBarrier together = new CyclicBarrier(submitters);
    ExecutorService agencies = Executors.newFixedThreadPool(submitters);
    List<HttpResponse<String>> answers = new ArrayList<>();
    try {
      List<Future<HttpResponse<String>>> posted = new ArrayList<>();
      for (int i = 0; i < submitters; i++) {
        posted.add(
            agencies.submit(
                () -> {
                  together.await(20, TimeUnit.SECONDS);
                  return AgencyClients.post(
                      cpc, base + "/api/v1/messages", "application/json", envelope.toString());
                }));
      }
      for (Future<HttpResponse<String>> answer : posted) {
        answers.add(answer.get(30, TimeUnit.SECONDS));
      }
    } finally {
      agencies.shutdownNow();
    }

    for (HttpResponse<String> answer : answers) {
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
      assertThat(AgencyClients.json(answer.body()).path("messageId").asText()).isEqualTo(id);
      // a repeat answers the current status: the unreachable partner may have moved it on
      assertThat(AgencyClients.json(answer.body()).path("status").asText())
          .isIn("QUEUED", "WAITING_FOR_RETRY");
      assertThat(answer.headers().firstValue("Location")).hasValue("/api/v1/messages/" + id);
    }
    List<String> events =
        kz.bean(AuditQueryService.class).timeline(id).stream()
            .map(record -> record.event())
            .filter(event -> event.startsWith("message."))
            .toList();
    assertThat(events)
        .containsExactlyInAnyOrder(
            "message.received",
            "message.received",
            "message.received",
            "message.received",
            "message.pseudonymized",
            "message.signed",
            "message.queued");
  }

  /** {@code message.rejected} records with {@code code} from {@code channel} (a route id). */
  private static long rejections(String code, String channel) {
    return kz
        .bean(AuditQueryService.class)
        .search(
            new AuditQuery(null, null, null, "message.rejected", null, null),
            0,
            AuditQueryService.MAX_PAGE_SIZE)
        .records()
        .stream()
        .filter(record -> code.equals(record.detail().path("code").asText()))
        .filter(record -> channel.equals(record.detail().path("channel").asText()))
        .count();
  }

  /** A message accepted over the given channel, then other content under its id. */
  private static String changedDuplicate(String channel) {
    ObjectNode envelope = Envelopes.referral();
    String original = envelope.toString();
    switch (channel) {
      case "rest" ->
          AgencyClients.post(cpc, base + "/api/v1/messages", "application/json", original);
      case "soap" -> soap(cpc, AgencyClients.submitRequest(original));
      default -> {
        try (Connection connection = AgencyClients.jms(brokerPort, CPC, CPC + "-dev")) {
          AgencyClients.submitOverJms(connection, CPC, original, Envelopes.messageId(envelope));
        } catch (JMSException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    ((ObjectNode) envelope.get("header")).put("priority", "low");
    return envelope.toString();
  }

  // ---- broker security ----

  @Test
  void agencyCannotReadAnotherAgencysInbox() throws Exception {
    try (Connection connection = AgencyClients.jms(brokerPort, CPC, CPC + "-dev")) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      assertThatThrownBy(
              () -> session.createConsumer(session.createQueue("agency." + ALMATY + ".inbox")))
          .isInstanceOf(JMSSecurityException.class);
      assertThatThrownBy(
              () ->
                  session
                      .createBrowser(session.createQueue("agency." + ALMATY + ".inbox"))
                      .getEnumeration())
          .isInstanceOf(JMSSecurityException.class);
    }
  }

  @Test
  void agencyCannotSendToAnotherAgencysOutboxNorReadItsOwnOutbox() throws Exception {
    try (Connection connection = AgencyClients.jms(brokerPort, CPC, CPC + "-dev")) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      assertThatThrownBy(
              () ->
                  session
                      .createProducer(session.createQueue("agency." + ALMATY + ".outbox"))
                      .send(session.createTextMessage("{}")))
          .isInstanceOf(JMSSecurityException.class);
      assertThatThrownBy(
              () -> session.createConsumer(session.createQueue("agency." + CPC + ".outbox")))
          .isInstanceOf(JMSSecurityException.class);
    }
  }

  @Test
  void wrongPasswordAndAnonymousConnectionsAreRefused() {
    assertThatThrownBy(() -> AgencyClients.jms(brokerPort, CPC, "wrong").close())
        .isInstanceOf(JMSSecurityException.class);
    assertThatThrownBy(() -> AgencyClients.jms(brokerPort, null, null).close())
        .isInstanceOf(JMSSecurityException.class);
  }

  // ---- push ----

  @Test
  void pushThatFailsThenRecoversDeliversExactlyOnce() {
    String id = UUID.randomUUID().toString();
    String scenario = "recovering-" + id;
    agencyEndpoint.stubFor(
        post(urlEqualTo("/inbox"))
            .withHeader("X-Kopir-Message-Id", equalTo(id))
            .inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("second"));
    agencyEndpoint.stubFor(
        post(urlEqualTo("/inbox"))
            .withHeader("X-Kopir-Message-Id", equalTo(id))
            .inScenario(scenario)
            .whenScenarioStateIs("second")
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("up"));
    agencyEndpoint.stubFor(
        post(urlEqualTo("/inbox"))
            .withHeader("X-Kopir-Message-Id", equalTo(id))
            .inScenario(scenario)
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withStatus(204)));

    deliverToInbox(ALMATY, id);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> pushesOf(id) == 3 && inboxDepth(ALMATY) == 0);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> pushesOf(id) == 3);
    agencyEndpoint.verify(
        3,
        postRequestedFor(urlEqualTo("/inbox"))
            .withHeader("X-Kopir-Message-Id", equalTo(id))
            .withHeader("Content-Type", equalTo("application/json")));
  }

  @Test
  void pushThatNeverSucceedsEndsOnTheDeadLetterQueue() {
    String id = UUID.randomUUID().toString();
    agencyEndpoint.stubFor(
        post(urlEqualTo("/inbox"))
            .withHeader("X-Kopir-Message-Id", equalTo(id))
            .willReturn(aResponse().withStatus(500)));

    deliverToInbox(ALMATY, id);

    await().atMost(Duration.ofSeconds(20)).until(() -> deadLetterIds().contains(id));
    assertThat(pushesOf(id)).isEqualTo(4);
  }

  // ---- helpers ----

  private static HttpResponse<String> soap(HttpClient client, String request) {
    return AgencyClients.post(client, base + "/ws/exchange", "text/xml; charset=utf-8", request);
  }

  private static String faultCode(HttpResponse<String> answer) {
    assertThat(answer.body()).contains("Fault");
    return AgencyClients.element(answer.body(), "code");
  }

  private static String idOf(String body) {
    try {
      String id = AgencyClients.json(body).path("header").path("messageId").asText(null);
      return id;
    } catch (IllegalStateException notJson) {
      return null;
    }
  }

  /** An inbox item as the border route enqueues it. */
  private static void deliverToInbox(String agency, String id) {
    JmsTemplate jms = kz.bean(JmsTemplate.class);
    String item =
        "{\"messageId\":\"" + id + "\",\"messageType\":\"referral.request\",\"signedMessage\":{}}";
    jms.send(
        "agency." + agency + ".inbox",
        session -> {
          var message = session.createTextMessage(item);
          message.setStringProperty("kopirMessageId", id);
          message.setStringProperty("kopirMessageType", "referral.request");
          return message;
        });
  }

  private static int pushesOf(String id) {
    return agencyEndpoint
        .findAll(
            postRequestedFor(urlEqualTo("/inbox")).withHeader("X-Kopir-Message-Id", equalTo(id)))
        .size();
  }

  private static int inboxDepth(String agency) {
    return browse("agency." + agency + ".inbox").size();
  }

  private static int outboxDepth(String agency) {
    return browse("agency." + agency + ".outbox").size();
  }

  private static List<String> deadLetterIds() {
    return browse("kopir.dead-letter.push");
  }

  private static List<String> browse(String queue) {
    JmsTemplate jms = kz.bean(JmsTemplate.class);
    List<String> ids =
        jms.browse(
            queue,
            (session, browser) -> {
              List<String> found = new java.util.ArrayList<>();
              var messages = browser.getEnumeration();
              while (messages.hasMoreElements()) {
                var message = (jakarta.jms.Message) messages.nextElement();
                found.add(String.valueOf(message.getStringProperty("kopirMessageId")));
              }
              return found;
            });
    return ids == null ? Collections.emptyList() : ids;
  }

  private static javax.net.ssl.SSLContext anonymousContext() {
    try {
      var trust = java.security.KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry(
          "ca",
          org.kopir.gateway.crypto.PemFiles.readCertificate(
              org.kopir.gateway.testsupport.DemoPki.ca("kz")));
      var factory =
          javax.net.ssl.TrustManagerFactory.getInstance(
              javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      var context = javax.net.ssl.SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
