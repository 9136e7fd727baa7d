package org.kopir.gateway.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.TestNode;

/**
 * The agency channels end to end through both nodes: a referral submitted over SOAP or JMS at kz
 * reaches the recipient at kg, pulled over REST, consumed over JMS, or pushed to a webhook that
 * fails before it recovers.
 */
class ChannelsAcrossNodesIT {

  private static final String PUSHED_AGENCY = "kg-bishkek-guardianship";

  @TempDir static Path data;
  static TestNode kz;
  static TestNode kg;
  static WireMockServer webhook;

  @BeforeAll
  static void start() {
    webhook = new WireMockServer(wireMockConfig().dynamicPort());
    webhook.start();
    webhook.stubFor(
        post(urlEqualTo("/kopir-inbox"))
            .inScenario("recovering")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("recovered"));
    webhook.stubFor(
        post(urlEqualTo("/kopir-inbox"))
            .inScenario("recovering")
            .whenScenarioStateIs("recovered")
            .willReturn(aResponse().withStatus(204)));
    kz = new TestNode("kz", data.resolve("kz"));
    kg = new TestNode("kg", data.resolve("kg"));
    kz.partner(kg);
    kg.partner(kz)
        .set("kopir.channels.push." + PUSHED_AGENCY + ".type", "webhook")
        .set("kopir.channels.push." + PUSHED_AGENCY + ".url", webhook.baseUrl() + "/kopir-inbox")
        .set("kopir.channels.push-retry.initial-delay", "200ms")
        .set("kopir.channels.push-retry.max-delay", "500ms");
    kg.start();
    kz.start();
  }

  @AfterAll
  static void stop() {
    if (kz != null) {
      kz.stop();
    }
    if (kg != null) {
      kg.stop();
    }
    if (webhook != null) {
      webhook.stop();
    }
  }

  @Test
  void referralSubmittedOverSoapReachesTheRecipientInbox() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);

    HttpResponse<String> answer =
        AgencyClients.post(
            AgencyClients.https("kz-cpc"),
            kz.localUrl() + "/ws/exchange",
            "text/xml; charset=UTF-8",
            AgencyClients.submitRequest(envelope.toString()));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(AgencyClients.element(answer.body(), "messageId")).isEqualTo(id);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(inboxIds(kg.agency("kg-cpd"))).contains(id));
  }

  @Test
  void referralSubmittedOverJmsIsConsumedByTheRecipientOverJms() throws Exception {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);

    try (Connection sender = AgencyClients.jms(kz.brokerPort(), "kz-cpc", "kz-cpc-dev")) {
      JsonNode notification =
          AgencyClients.submitOverJms(sender, "kz-cpc", envelope.toString(), id);
      assertThat(notification.toString()).contains("QUEUED");
    }

    try (Connection recipient = AgencyClients.jms(kg.brokerPort(), "kg-cpd", "kg-cpd-dev")) {
      Session session = recipient.createSession(false, Session.CLIENT_ACKNOWLEDGE);
      MessageConsumer consumer =
          session.createConsumer(
              session.createQueue("agency.kg-cpd.inbox"),
              "kopirKind IS NULL AND kopirMessageId = '" + id + "'");
      Message delivered = consumer.receive(60_000);
      assertThat(delivered).isNotNull();
      JsonNode item = AgencyClients.json(((TextMessage) delivered).getText());
      assertThat(
              item.path("signedMessage").path("envelope").path("header").path("messageId").asText())
          .isEqualTo(id);
      delivered.acknowledge();
    }
  }

  @Test
  void pushedReferralReachesAWebhookThatRecoversExactlyOnce() {
    ObjectNode envelope = Envelopes.referral();
    ((ObjectNode) envelope.path("header").path("recipient")).put("agency", PUSHED_AGENCY);
    String id = Envelopes.messageId(envelope);

    Http.Answer accepted =
        kz.agency("kz-cpc").postJson(kz.localUrl() + "/api/v1/messages", envelope.toString());

    assertThat(accepted.status()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(webhook.findAll(postRequestedFor(urlEqualTo("/kopir-inbox"))))
                    .filteredOn(request -> request.getBodyAsString().contains(id))
                    .hasSize(2));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(webhook.findAll(postRequestedFor(urlEqualTo("/kopir-inbox"))))
                    .filteredOn(request -> request.getBodyAsString().contains(id))
                    .hasSize(2));
  }

  private static java.util.List<String> inboxIds(Http agency) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    agency
        .get(kg.localUrl() + "/api/v1/inbox?limit=100")
        .json()
        .path("items")
        .forEach(item -> ids.add(item.path("messageId").asText()));
    return ids;
  }
}
