package org.kopir.gateway.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.audit.AuditQueryService;
import org.kopir.gateway.testsupport.DemoPki;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.FreePorts;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.TestNode;

/**
 * A node's life cycle as operations see it: readiness reports the database and the broker, and a
 * node that is closed while a delivery is in flight to a slow partner finishes that delivery and
 * commits it before it stops, so the message is neither lost nor sent twice.
 */
class NodeLifecycleIT {

  private static final String BORDER = "/border/v1/messages";
  private static final String FORWARD = "forward-to-kg";

  @TempDir static Path data;
  static WireMockServer partner;
  static TestNode kz;
  static TestNode kg;

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
                .extensions(new ForwardToPartner(FORWARD, kg.borderUrl(), false)));
    partner.start();
    kz.set("kopir.partners.kg.border-url", "https://127.0.0.1:" + partner.httpsPort()).start();
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
  void readinessReportsTheDatabaseAndTheBrokerWithDetailsForOperators() {
    Http.Answer anonymous = kz.anonymous().get(kz.localUrl() + "/actuator/health/readiness");
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.json().path("status").asText()).isEqualTo("UP");
    assertThat(anonymous.json().has("components")).isFalse();

    JsonNode detailed =
        kz.person("operator").get(kz.localUrl() + "/actuator/health/readiness").json();
    assertThat(detailed.path("components").path("db").path("status").asText()).isEqualTo("UP");
    assertThat(detailed.path("components").path("jms").path("status").asText()).isEqualTo("UP");
    assertThat(detailed.path("components").has("readinessState")).isTrue();
  }

  @Test
  void aDeliveryInFlightWhenTheNodeIsClosedCompletesAndIsNotSentAgain() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    // The partner takes the message and answers its receipt only 3 s later.
    partner.stubFor(
        post(urlEqualTo(BORDER))
            .withRequestBody(containing(id))
            .willReturn(aResponse().withTransformers(FORWARD).withFixedDelay(3_000)));
    Http kzCpc = kz.agency("kz-cpc");
    assertThat(kzCpc.postJson(kz.localUrl() + "/api/v1/messages", envelope.toString()).status())
        .isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> calls(id) == 1);

    Instant closing = Instant.now();
    kz.stop();

    // Closing waited for the partner's answer instead of cutting the delivery off.
    assertThat(Duration.between(closing, Instant.now())).isGreaterThan(Duration.ofSeconds(2));
    kz.start();
    kz.awaitStatus(kzCpc, id, "DELIVERED");
    assertThat(events(id, "message.delivered")).isEqualTo(1);
    assertThat(events(id, "delivery.attempted")).isEqualTo(1);
    assertThat(calls(id)).isEqualTo(1);
  }

  /** Border calls for message {@code id} the partner received so far. */
  private static int calls(String id) {
    return partner
        .countRequestsMatching(
            postRequestedFor(urlEqualTo(BORDER)).withRequestBody(containing(id)).build())
        .getCount();
  }

  private static long events(String id, String event) {
    return kz.bean(AuditQueryService.class).timeline(id).stream()
        .filter(record -> event.equals(record.event()))
        .count();
  }
}
