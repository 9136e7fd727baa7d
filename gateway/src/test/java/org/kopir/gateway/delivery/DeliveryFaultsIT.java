package org.kopir.gateway.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.audit.AuditQueryService;
import org.kopir.gateway.audit.AuditRecord;
import org.kopir.gateway.testsupport.BrokerFaults;
import org.kopir.gateway.testsupport.Deliveries;
import org.kopir.gateway.testsupport.DemoPki;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.FreePorts;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.TestNode;

/**
 * Faults between the nodes. WireMock serves HTTPS with the kg node's TLS certificate in front of
 * the real kg border: per message it answers with faults first and then passes the message on, so
 * the real kg inbox shows whether the message arrived exactly once.
 */
class DeliveryFaultsIT {

  private static final String BORDER = "/border/v1/messages";
  private static final String FORWARD = "forward-to-kg";
  private static final String CONFLICT = "conflict-then-forward-to-kg";

  @TempDir static Path data;
  static WireMockServer partner;
  static TestNode kz;
  static TestNode kg;
  static Http kzCpc;
  static Http kgCpd;
  static Http operator;

  @BeforeAll
  static void start() throws Exception {
    kg = new TestNode("kg", data.resolve("kg"));
    kz = new TestNode("kz", data.resolve("kz"));
    kg.partner(kz);
    kg.start();
    partner =
        new WireMockServer(
            wireMockConfig()
                .httpDisabled(true)
                .httpsPort(FreePorts.next())
                .bindAddress("127.0.0.1")
                .keystorePath(DemoPki.tlsKeystore("kg", data).toString())
                .keystorePassword("changeit")
                .keyManagerPassword("changeit")
                .keystoreType("PKCS12")
                .extensions(
                    new ForwardToPartner(FORWARD, kg.borderUrl(), false),
                    new ForwardToPartner(CONFLICT, kg.borderUrl(), true)));
    partner.start();
    // Unless a test says otherwise, the stand-in passes every message on to kg.
    partner.stubFor(
        post(urlEqualTo(BORDER)).atPriority(10).willReturn(aResponse().withTransformers(FORWARD)));
    kz.set("kopir.partners.kg.border-url", "https://127.0.0.1:" + partner.httpsPort())
        .set("kopir.delivery.request-timeout", "1s")
        .set("kopir.delivery.connect-timeout", "1s")
        .set("kopir.delivery.overdue.check-interval", "300ms")
        .set("kopir.delivery.overdue.delivery-after", "3s")
        .set("kopir.delivery.overdue.response-timeframes[3-days]", "6s");
    retry("high", "200ms", "500ms", "1h", 0);
    retry("normal", "200ms", "500ms", "1h", 3);
    // Short enough to dead-letter within the test, long enough that a replay outlives one slow
    // attempt (request timeout 1 s) on a loaded machine.
    retry("low", "200ms", "500ms", "5s", 0);
    kz.start();
    kzCpc = kz.agency("kz-cpc");
    kgCpd = kg.agency("kg-cpd");
    operator = kz.person("operator");
  }

  private static void retry(
      String priority, String initial, String max, String budget, int maxAttempts) {
    String prefix = "kopir.broker.retry." + priority + ".";
    kz.set(prefix + "initial-delay", initial)
        .set(prefix + "max-delay", max)
        .set(prefix + "budget", budget)
        .set(prefix + "max-attempts", maxAttempts);
  }

  @AfterAll
  static void stop() {
    if (kz != null) {
      kz.stop();
    }
    if (kg != null) {
      kg.stop();
    }
    if (partner != null) {
      partner.stop();
    }
  }

  @Test
  void errorsTimeoutsResetsAndEmptyRepliesAreRetriedUntilDeliveredExactlyOnce() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    String scenario = "faults-" + id;
    String[] states = {Scenario.STARTED, "503", "slow", "reset", "empty", "healthy"};
    List<com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder> faults =
        List.of(
            aResponse().withStatus(500),
            aResponse().withStatus(503),
            aResponse().withStatus(200).withFixedDelay(2_500),
            aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
            aResponse().withFault(Fault.EMPTY_RESPONSE));
    for (int i = 0; i < faults.size(); i++) {
      partner.stubFor(
          post(urlEqualTo(BORDER))
              .atPriority(1)
              .withRequestBody(containing(id))
              .inScenario(scenario)
              .whenScenarioStateIs(states[i])
              .willSetStateTo(states[i + 1])
              .willReturn(faults.get(i)));
    }

    assertThat(submit(envelope).status()).isEqualTo(202);

    awaitStatus(id, "DELIVERED");
    assertThat(postsOf(id)).isEqualTo(6);
    assertThat(inboxIds()).containsOnlyOnce(id);
    assertThat(events(id, "delivery.failed")).isEqualTo(5);
    assertThat(events(id, "message.delivered")).isEqualTo(1);
    assertThat(status(id).path("attempts").asInt()).isEqualTo(6);
    // sample referral asks for an answer within "3-days" (6 s here): none comes
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(events(id, "response.overdue")).isEqualTo(1));
  }

  @Test
  void aReferralAnsweredWithinItsTimeframeIsNotOverdue() throws Exception {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    submit(envelope);
    awaitStatus(id, "DELIVERED");

    Http.Answer answered =
        kgCpd.postJson(kg.localUrl() + "/api/v1/messages", response(id).toString());

    assertThat(answered.status()).isEqualTo(202);
    awaitStatusAt(kg, kgCpd, answered.json().path("messageId").asText(), "DELIVERED");
    Thread.sleep(7_000);
    assertThat(events(id, "response.overdue")).isZero();
  }

  @Test
  void aPartnerDownLongerThanTheBudgetLeadsToADeadLetterWhichAReplayDelivers() {
    ObjectNode envelope = Envelopes.referral();
    ((ObjectNode) envelope.get("header")).put("priority", "low");
    String id = Envelopes.messageId(envelope);
    StubMapping down = downFor(id);

    submit(envelope);

    awaitStatus(id, "DEAD_LETTERED");
    JsonNode listed = deadLetter(id);
    assertThat(listed.path("reason").asText()).isEqualTo("RETRY_BUDGET_SPENT");
    assertThat(listed.path("partner").asText()).isEqualTo("kg");
    assertThat(listed.path("replayable").asBoolean()).isTrue();
    assertThat(listed.path("attempts").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(listed.path("lastFailure").asText()).contains("503");
    assertThat(events(id, "message.dead-lettered")).isEqualTo(1);
    assertThat(inboxIds()).doesNotContain(id);

    partner.removeStub(down);
    Http.Answer replay = operator.post(replayUrl(id), null, new byte[0]);

    assertThat(replay.status()).isEqualTo(202);
    assertThat(replay.json().path("status").asText()).isEqualTo("QUEUED");
    awaitStatus(id, "DELIVERED");
    assertThat(inboxIds()).containsOnlyOnce(id);
    assertThat(actorsOf(id, "message.replayed")).containsExactly("user:operator");
    assertProblem(operator.post(replayUrl(id), null, new byte[0]), 409, "NOT_REPLAYABLE");
  }

  @Test
  void theBrokerDeadLettersAfterItsMaximumAttemptsAndTheParkRouteRecordsIt() {
    ObjectNode envelope = Envelopes.referral();
    ((ObjectNode) envelope.get("header")).put("priority", "normal");
    String id = Envelopes.messageId(envelope);
    StubMapping down = downFor(id);

    submit(envelope);

    awaitStatus(id, "DEAD_LETTERED");
    assertThat(deadLetter(id).path("reason").asText()).isEqualTo("ATTEMPTS_EXHAUSTED");
    assertThat(postsOf(id)).isEqualTo(3);
    assertThat(events(id, "message.dead-lettered")).isEqualTo(1);

    partner.removeStub(down);
    assertThat(operator.post(replayUrl(id), null, new byte[0]).status()).isEqualTo(202);
    awaitStatus(id, "DELIVERED");
    assertThat(inboxIds()).containsOnlyOnce(id);
  }

  @Test
  void aDeliveryTheRecipientsInboxCannotTakeIsAnsweredWithoutAReceiptThenRetriedAndStoredOnce() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);

    try (BrokerFaults faults = BrokerFaults.on(kg, "agency.kg-cpd.inbox").failOnce(id)) {
      submit(envelope);
      awaitStatus(id, "DELIVERED");
      assertThat(faults.failed()).isEqualTo(1);
    }

    assertThat(inboxIds()).containsOnlyOnce(id);
    assertThat(Deliveries.events(kg, id))
        .containsSubsequence("border.refused failed INTERNAL_ERROR", "inbox.enqueued ok")
        .containsOnlyOnce("inbox.enqueued ok");
    assertThat(Deliveries.events(kz, id))
        .containsSubsequence("delivery.failed failed", "message.delivered ok");
  }

  @Test
  void aRefusedMessageIsListedButCannotBeReplayed() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    partner.stubFor(
        post(urlEqualTo(BORDER))
            .atPriority(1)
            .withRequestBody(containing(id))
            .willReturn(aResponse().withTransformers(CONFLICT)));

    submit(envelope);

    awaitStatus(id, "REFUSED");
    JsonNode listed = deadLetter(id);
    assertThat(listed.path("status").asText()).isEqualTo("REFUSED");
    assertThat(listed.path("reason").asText()).isEqualTo("DUPLICATE_ID");
    assertThat(listed.path("replayable").asBoolean()).isFalse();
    Http.Answer replay = operator.post(replayUrl(id), null, new byte[0]);
    assertProblem(replay, 409, "NOT_REPLAYABLE");
    assertThat(replay.json().path("detail").asText()).contains("final");
    assertThat(kzCpc.get(kz.localUrl() + "/api/v1/dead-letters").status()).isEqualTo(403);
  }

  @Test
  void anUndeliveredMessageIsReportedOverdueOnceAndAppearsInTheOverdueView() throws Exception {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    StubMapping down = downFor(id);

    submit(envelope);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(events(id, "delivery.overdue")).isEqualTo(1));
    JsonNode view = operator.get(kz.localUrl() + "/api/v1/dead-letters?view=overdue").json();
    assertThat(view.path("items").findValuesAsText("messageId")).contains(id);
    assertThat(view.path("items").findValuesAsText("partner")).containsOnly("kg");
    assertThat(operator.get(kz.localUrl() + "/actuator/prometheus").body())
        .containsPattern("kopir_delivery_overdue\\{kind=\"delivery\",node=\"kz\"} [1-9]");
    Thread.sleep(1_000);
    assertThat(events(id, "delivery.overdue")).isEqualTo(1);

    partner.removeStub(down);
    awaitStatus(id, "DELIVERED");
    assertThat(inboxIds()).containsOnlyOnce(id);
  }

  @Test
  void messagesQueuedWhileThePartnerIsDownSurviveABrokerRestart() {
    List<StubMapping> down = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ObjectNode envelope = Envelopes.referral();
      String id = Envelopes.messageId(envelope);
      ids.add(id);
      down.add(downFor(id));
      assertThat(submit(envelope).status()).isEqualTo(202);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(i -> postsOf(i) >= 1));

    kz.stop();
    down.forEach(partner::removeStub);
    kz.start();

    for (String id : ids) {
      awaitStatus(id, "DELIVERED");
    }
    List<String> inbox = inboxIds();
    for (String id : ids) {
      assertThat(inbox).containsOnlyOnce(id);
      assertThat(events(id, "message.delivered")).isEqualTo(1);
    }
  }

  private static StubMapping downFor(String id) {
    return partner.stubFor(
        post(urlEqualTo(BORDER))
            .atPriority(1)
            .withRequestBody(containing(id))
            .willReturn(serviceUnavailable()));
  }

  private static Http.Answer submit(ObjectNode envelope) {
    return kzCpc.postJson(kz.localUrl() + "/api/v1/messages", envelope.toString());
  }

  private static ObjectNode response(String requestId) throws Exception {
    ObjectNode envelope =
        (ObjectNode)
            new ObjectMapper()
                .readTree(Files.readString(Path.of("docs/examples/referral.response.json")));
    ObjectNode header = (ObjectNode) envelope.get("header");
    header.put("messageId", UUID.randomUUID().toString());
    header.put("sentAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    header.put("correlationId", requestId);
    return envelope;
  }

  private static String replayUrl(String id) {
    return kz.localUrl() + "/api/v1/dead-letters/" + id + "/replay";
  }

  private static JsonNode deadLetter(String id) {
    JsonNode page = operator.get(kz.localUrl() + "/api/v1/dead-letters?size=200").json();
    for (JsonNode item : page.path("items")) {
      if (id.equals(item.path("messageId").asText())) {
        return item;
      }
    }
    throw new AssertionError("not in the dead-letter view: " + id);
  }

  private static int postsOf(String id) {
    return partner
        .countRequestsMatching(
            postRequestedFor(urlEqualTo(BORDER)).withRequestBody(containing(id)).build())
        .getCount();
  }

  private static long events(String id, String event) {
    return Deliveries.events(kz, id).stream().filter(line -> line.startsWith(event + " ")).count();
  }

  private static List<String> actorsOf(String id, String event) {
    return kz.bean(AuditQueryService.class).timeline(id).stream()
        .filter(record -> event.equals(record.event()))
        .map(AuditRecord::actor)
        .toList();
  }

  private static JsonNode status(String id) {
    return kzCpc.get(kz.localUrl() + "/api/v1/messages/" + id).json();
  }

  private static void awaitStatus(String id, String expected) {
    awaitStatusAt(kz, kzCpc, id, expected);
  }

  private static void awaitStatusAt(TestNode node, Http agency, String id, String expected) {
    node.awaitStatus(agency, id, expected);
  }

  private static List<String> inboxIds() {
    List<String> ids = new ArrayList<>();
    kgCpd
        .get(kg.localUrl() + "/api/v1/inbox?limit=100")
        .json()
        .path("items")
        .forEach(item -> ids.add(item.path("messageId").asText()));
    return ids;
  }

  private static void assertProblem(Http.Answer answer, int status, String code) {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.json().path("code").asText()).isEqualTo(code);
  }
}
