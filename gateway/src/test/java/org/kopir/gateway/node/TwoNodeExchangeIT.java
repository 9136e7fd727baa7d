package org.kopir.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.TestNode;

/** Both nodes in one JVM: a message travels from an agency at kz to an agency inbox at kg. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeExchangeIT {

  @TempDir static Path data;
  static TestNode kz;
  static TestNode kg;

  @BeforeAll
  static void startNodes() {
    kz = new TestNode("kz", data.resolve("kz"));
    kg = new TestNode("kg", data.resolve("kg"));
    kz.partner(kg);
    kg.partner(kz);
    kg.start();
    kz.start();
  }

  @AfterAll
  static void stopNodes() {
    if (kz != null) {
      kz.stop();
    }
    if (kg != null) {
      kg.stop();
    }
  }

  @Test
  @Order(1)
  void submittedReferralReachesTheRecipientInboxExactlyOnce() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);

    Http.Answer accepted = Http.postJson(kz.localUrl() + "/api/v1/messages", envelope.toString());

    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.json().path("messageId").asText()).isEqualTo(id);
    assertThat(accepted.raw().headers().firstValue("Location")).hasValue("/api/v1/messages/" + id);
    awaitStatus(id, "DELIVERED");
    assertThat(inboxIds("kg-cpd")).containsOnlyOnce(id);
  }

  @Test
  @Order(2)
  void resubmittingTheSameMessageIsIdempotent() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    Http.postJson(kz.localUrl() + "/api/v1/messages", envelope.toString());
    awaitStatus(id, "DELIVERED");

    Http.Answer again = Http.postJson(kz.localUrl() + "/api/v1/messages", envelope.toString());

    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().path("messageId").asText()).isEqualTo(id);
    assertThat(inboxIds("kg-cpd")).containsOnlyOnce(id);
  }

  @Test
  @Order(3)
  void otherContentUnderAnAcceptedIdIsRefusedAsDuplicate() {
    ObjectNode envelope = Envelopes.referral();
    Http.postJson(kz.localUrl() + "/api/v1/messages", envelope.toString());
    ((ObjectNode) envelope.get("header")).put("priority", "low");

    Http.Answer conflict = Http.postJson(kz.localUrl() + "/api/v1/messages", envelope.toString());

    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().path("code").asText()).isEqualTo("DUPLICATE_ID");
    assertThat(conflict.raw().headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  @Order(4)
  void acknowledgedItemLeavesTheInbox() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    Http.postJson(kz.localUrl() + "/api/v1/messages", envelope.toString());
    awaitStatus(id, "DELIVERED");

    Http.Answer ack =
        Http.post(
            kg.localUrl() + "/api/v1/inbox/" + id + "/ack?agency=kg-cpd",
            "application/json",
            new byte[0]);

    assertThat(ack.status()).isEqualTo(204);
    assertThat(inboxIds("kg-cpd")).doesNotContain(id);
    Http.Answer second =
        Http.post(
            kg.localUrl() + "/api/v1/inbox/" + id + "/ack?agency=kg-cpd",
            "application/json",
            new byte[0]);
    assertThat(second.status()).isEqualTo(404);
  }

  @Test
  @Order(5)
  void borderApiIsNotServedOnTheLocalPortNorTheLocalApiOnTheBorderPort() {
    assertThat(Http.postJson(kg.localUrl() + "/border/v1/messages", "{}").status()).isEqualTo(404);
    assertThat(Http.postJson(kg.borderUrl() + "/api/v1/messages", "{}").status()).isEqualTo(404);
  }

  @Test
  @Order(6)
  void hostileRequestsGetClearFourHundredsNeverAServerError() {
    String url = kz.localUrl() + "/api/v1/messages";
    byte[] twoMegabytes = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(twoMegabytes, (byte) ' ');

    assertProblem(Http.post(url, "application/json", twoMegabytes), 413, "PAYLOAD_TOO_LARGE");
    assertProblem(Http.post(url, "text/plain", "{}".getBytes()), 415, "UNSUPPORTED_MEDIA_TYPE");
    assertProblem(Http.post(url, null, "{}".getBytes()), 415, "UNSUPPORTED_MEDIA_TYPE");
    assertProblem(Http.post(url, "application/json", new byte[0]), 400, "MALFORMED_JSON");
    assertProblem(
        Http.post(url, "application/json", ("[".repeat(5000) + "]".repeat(5000)).getBytes()),
        400,
        "MALFORMED_JSON");
    assertProblem(
        Http.post(url, "application/json", new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}),
        400,
        "MALFORMED_JSON");
  }

  @Test
  @Order(7)
  void operatorsSeeReadinessAndMessageCounters() {
    assertThat(Http.get(kz.localUrl() + "/actuator/health/readiness").status()).isEqualTo(200);
    assertThat(Http.get(kz.localUrl() + "/actuator/prometheus").body())
        .contains("kopir_messages_accepted_total{")
        .contains("type=\"referral.request\"")
        .contains("kopir_messages_refused_total{");
    assertThat(Http.get(kg.localUrl() + "/actuator/prometheus").body())
        .contains("kopir_inbox_enqueued_total{");
  }

  private static void assertProblem(Http.Answer answer, int status, String code) {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.json().path("code").asText()).isEqualTo(code);
  }

  @Test
  @Order(10)
  void restartedNodesLoseNothingTheyAccepted() {
    kg.stop();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ObjectNode envelope = Envelopes.referral();
      ids.add(Envelopes.messageId(envelope));
      assertThat(Http.postJson(kz.localUrl() + "/api/v1/messages", envelope.toString()).status())
          .isEqualTo(202);
    }
    kz.stop();

    kz.start();
    kg.start();

    for (String id : ids) {
      awaitStatus(id, "DELIVERED");
    }
    List<String> inbox = inboxIds("kg-cpd");
    for (String id : ids) {
      assertThat(inbox).containsOnlyOnce(id);
    }
  }

  private static void awaitStatus(String id, String status) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(
                        Http.get(kz.localUrl() + "/api/v1/messages/" + id)
                            .json()
                            .path("status")
                            .asText())
                    .isEqualTo(status));
  }

  private static List<String> inboxIds(String agency) {
    JsonNode items =
        Http.get(kg.localUrl() + "/api/v1/inbox?agency=" + agency + "&limit=100")
            .json()
            .path("items");
    List<String> ids = new ArrayList<>();
    items.forEach(item -> ids.add(item.path("messageId").asText()));
    return ids;
  }
}
