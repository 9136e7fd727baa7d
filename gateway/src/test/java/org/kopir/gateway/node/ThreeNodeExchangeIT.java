package org.kopir.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.crypto.SignedMessageVerifier;
import org.kopir.gateway.crypto.VerifiedReceipt;
import org.kopir.gateway.delivery.BorderAnswer;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.PartnerReceipts;
import org.kopir.gateway.testsupport.TestNode;

/**
 * Three nodes in one JVM, each the partner of the other two, on TLS with the throw-away PKI: every
 * pair delivers exactly once with its receipts, the recipient's country chooses the partner,
 * pseudonyms differ per partnership, a partner can neither relay for another nor sign in another's
 * name, and a partner taken out of the configuration keeps what is queued for it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodeExchangeIT {

  @TempDir static Path data;
  static TestNode kz;
  static TestNode kg;
  static TestNode tj;

  @BeforeAll
  static void startNodes() {
    kz = new TestNode("kz", data.resolve("kz"));
    kg = new TestNode("kg", data.resolve("kg"));
    tj = new TestNode("tj", data.resolve("tj"));
    kz.partner(kg).partner(tj);
    kg.partner(kz).partner(tj);
    tj.partner(kz).partner(kg);
    tj.start();
    kg.start();
    kz.start();
  }

  @AfterAll
  static void stopNodes() {
    for (TestNode node : new TestNode[] {kz, kg, tj}) {
      if (node != null) {
        node.stop();
      }
    }
  }

  @Test
  @Order(1)
  void everyPairDeliversExactlyOnceWithDeliveredAndRetrievedReceipts() {
    record Route(TestNode from, String fromAgency, TestNode to, String country, String toAgency) {}
    List<Route> routes =
        List.of(
            new Route(kz, "kz-cpc", kg, "KG", "kg-cpd"),
            new Route(kz, "kz-cpc", tj, "TJ", "tj-cpc"),
            new Route(kg, "kg-cpd", tj, "TJ", "tj-dushanbe-guardianship"),
            new Route(tj, "tj-cpc", kz, "KZ", "kz-almaty-guardianship"));
    List<String> ids = new ArrayList<>();
    for (Route route : routes) {
      ObjectNode envelope =
          Envelopes.referral(
              country(route.from()), route.fromAgency(), route.country(), route.toAgency());
      ids.add(Envelopes.messageId(envelope));
      assertThat(submit(route.from(), route.fromAgency(), envelope).status()).isEqualTo(202);
    }
    for (int i = 0; i < routes.size(); i++) {
      Route route = routes.get(i);
      String id = ids.get(i);
      Http sender = route.from().agency(route.fromAgency());
      route.from().awaitStatus(sender, id, "DELIVERED");
      Http recipient = route.to().agency(route.toAgency());
      assertThat(messageIds(inbox(route.to(), recipient))).containsOnlyOnce(id);

      assertThat(ack(route.to(), recipient, id).status()).isEqualTo(204);

      route.from().awaitStatus(sender, id, "RETRIEVED");
    }
  }

  @Test
  @Order(2)
  void theSameCaseSentToTwoPartnersGetsUnrelatedCaseTokensAndLinkKeys() {
    ObjectNode toKg = Envelopes.referral("KZ", "kz-cpc", "KG", "kg-bishkek-guardianship");
    ObjectNode toTj = Envelopes.referral("KZ", "kz-cpc", "TJ", "tj-dushanbe-guardianship");
    ObjectNode againToKg = Envelopes.referral("KZ", "kz-cpc", "KG", "kg-bishkek-guardianship");
    for (ObjectNode envelope : List.of(toKg, toTj, againToKg)) {
      assertThat(submit(kz, "kz-cpc", envelope).status()).isEqualTo(202);
    }
    Http kzCpc = kz.agency("kz-cpc");
    for (ObjectNode envelope : List.of(toKg, toTj, againToKg)) {
      kz.awaitStatus(kzCpc, Envelopes.messageId(envelope), "DELIVERED");
    }
    Http kgGuardianship = kg.agency("kg-bishkek-guardianship");
    Http tjGuardianship = tj.agency("tj-dushanbe-guardianship");
    JsonNode atKg = header(inbox(kg, kgGuardianship), Envelopes.messageId(toKg));
    JsonNode againAtKg = header(inbox(kg, kgGuardianship), Envelopes.messageId(againToKg));
    JsonNode atTj = header(inbox(tj, tjGuardianship), Envelopes.messageId(toTj));

    assertThat(atKg.path("caseToken").asText()).startsWith("case.k1.");
    assertThat(atTj.path("caseToken").asText()).startsWith("case.k1.");
    assertThat(atKg.path("caseToken").asText()).isNotEqualTo(atTj.path("caseToken").asText());
    assertThat(strings(atKg.path("linkKeys"))).isNotEmpty();
    assertThat(strings(atKg.path("linkKeys")))
        .doesNotContainAnyElementsOf(strings(atTj.path("linkKeys")));
    // Within one partnership the case still links.
    assertThat(againAtKg.path("caseToken").asText()).isEqualTo(atKg.path("caseToken").asText());
    assertThat(strings(againAtKg.path("linkKeys"))).isEqualTo(strings(atKg.path("linkKeys")));
  }

  @Test
  @Order(3)
  void aPartnerCannotRelayAMessageAnotherPartnerSigned() {
    ObjectNode fromTj = Envelopes.referral("TJ", "tj-cpc", "KG", "kg-cpd");
    ObjectNode signedByTj = PartnerReceipts.of("tj").signedMessage(fromTj);

    BorderAnswer answer = callKgAsKz(signedByTj);

    assertThat(answer.status()).isEqualTo(403);
    assertRefusal(answer, "RELAYED_MESSAGE");
    assertThat(messageIds(inbox(kg, kg.agency("kg-cpd"))))
        .doesNotContain(Envelopes.messageId(fromTj));
    assertBorderRefusalAudited("RELAYED_MESSAGE", "node:kz");
  }

  @Test
  @Order(4)
  void aPartnerCannotSignInAnotherPartnersName() {
    ObjectNode claimingTj = Envelopes.referral("TJ", "tj-cpc", "KG", "kg-cpd");
    ObjectNode signedByKz = PartnerReceipts.of("kz").signedMessage(claimingTj);

    BorderAnswer answer = callKgAsKz(signedByKz);

    assertThat(answer.status()).isEqualTo(403);
    assertRefusal(answer, "SENDER_MISMATCH");
    assertThat(messageIds(inbox(kg, kg.agency("kg-cpd"))))
        .doesNotContain(Envelopes.messageId(claimingTj));
    assertBorderRefusalAudited("SENDER_MISMATCH", "node:kz");
  }

  @Test
  @Order(5)
  void aCountryOrAgencyWithoutAPartnerIsAnUnknownRecipient() {
    Http.Answer unknownCountry =
        submit(kz, "kz-cpc", Envelopes.referral("KZ", "kz-cpc", "UZ", "uz-cpc"));
    Http.Answer agencyOfAnotherPartner =
        submit(kz, "kz-cpc", Envelopes.referral("KZ", "kz-cpc", "TJ", "kg-cpd"));

    assertThat(unknownCountry.status()).isEqualTo(422);
    assertThat(unknownCountry.json().path("code").asText()).isEqualTo("UNKNOWN_RECIPIENT");
    assertThat(agencyOfAnotherPartner.status()).isEqualTo(422);
    assertThat(agencyOfAnotherPartner.json().path("code").asText()).isEqualTo("UNKNOWN_RECIPIENT");
  }

  @Test
  @Order(6)
  void eachPartnerIsListedWithItsPartnershipDigestTheSameAtBothEnds() {
    JsonNode atKz = kz.person("operator").get(kz.localUrl() + "/api/v1/partners").json();
    JsonNode atTj = tj.person("auditor").get(tj.localUrl() + "/api/v1/partners").json();

    assertThat(strings(atKz.findValues("node"))).containsExactlyInAnyOrder("kg", "tj");
    JsonNode tjAtKz = partner(atKz, "tj");
    JsonNode kzAtTj = partner(atTj, "kz");
    assertThat(tjAtKz.path("partnership").asText()).isEqualTo("kz-tj");
    assertThat(tjAtKz.path("partnershipSha256").asText())
        .hasSize(64)
        .isEqualTo(kzAtTj.path("partnershipSha256").asText());
    assertThat(tjAtKz.path("reachable").asBoolean()).isTrue();
    assertThat(kz.agency("kz-cpc").get(kz.localUrl() + "/api/v1/partners").status()).isEqualTo(403);
  }

  @Test
  @Order(7)
  void aPartnerTakenOutOfTheConfigurationKeepsWhatIsQueuedForIt() {
    tj.stop();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ObjectNode envelope = Envelopes.referral("KZ", "kz-cpc", "TJ", "tj-cpc");
      ids.add(Envelopes.messageId(envelope));
      assertThat(submit(kz, "kz-cpc", envelope).status()).isEqualTo(202);
    }
    Http kzCpc = kz.agency("kz-cpc");
    for (String id : ids) {
      kz.awaitStatus(kzCpc, id, "WAITING_FOR_RETRY");
    }
    kz.stop();
    kz.set("kopir.partners.tj.enabled", "false").start();
    tj.start();

    Http.Answer refused = submit(kz, "kz-cpc", Envelopes.referral("KZ", "kz-cpc", "TJ", "tj-cpc"));
    assertThat(refused.json().path("code").asText()).isEqualTo("UNKNOWN_RECIPIENT");
    // No route takes them: they stay queued, neither delivered nor dead-lettered.
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              for (String id : ids) {
                assertThat(status(kzCpc, id)).isEqualTo("WAITING_FOR_RETRY");
              }
            });
    assertThat(messageIds(inbox(tj, tj.agency("tj-cpc")))).doesNotContainAnyElementsOf(ids);

    kz.stop();
    kz.set("kopir.partners.tj.enabled", "true").start();

    for (String id : ids) {
      kz.awaitStatus(kzCpc, id, "DELIVERED");
    }
    List<String> inbox = messageIds(inbox(tj, tj.agency("tj-cpc")));
    for (String id : ids) {
      assertThat(inbox).containsOnlyOnce(id);
    }
  }

  private static BorderAnswer callKgAsKz(ObjectNode signedMessage) {
    return kz.bean(ProducerTemplate.class)
        .requestBody(
            "direct:partner-https-message-kg", signedMessage.toString(), BorderAnswer.class);
  }

  private static void assertRefusal(BorderAnswer answer, String code) {
    VerifiedReceipt receipt = kz.bean(SignedMessageVerifier.class).verifyReceipt(answer.receipt());
    assertThat(receipt.signerNode()).isEqualTo("kg");
    assertThat(receipt.receipt().path("outcome").asText()).isEqualTo("REFUSED");
    assertThat(receipt.receipt().path("reason").asText()).isEqualTo(code);
  }

  private static void assertBorderRefusalAudited(String code, String actor) {
    JsonNode records =
        kg.person("auditor")
            .get(kg.localUrl() + "/api/v1/audit/records?event=border.refused&size=200")
            .json();
    List<JsonNode> matching = new ArrayList<>();
    records
        .path("records")
        .forEach(
            record -> {
              if (code.equals(record.path("detail").path("code").asText())
                  && actor.equals(record.path("actor").asText())) {
                matching.add(record);
              }
            });
    assertThat(matching).isNotEmpty();
  }

  private static String country(TestNode node) {
    return Map.of("kz", "KZ", "kg", "KG", "tj", "TJ").get(node.id());
  }

  private static Http.Answer submit(TestNode node, String agency, ObjectNode envelope) {
    return node.agency(agency).postJson(node.localUrl() + "/api/v1/messages", envelope.toString());
  }

  private static String status(Http agency, String id) {
    return agency.get(kz.localUrl() + "/api/v1/messages/" + id).json().path("status").asText();
  }

  private static Http.Answer ack(TestNode node, Http agency, String id) {
    return agency.post(node.localUrl() + "/api/v1/inbox/" + id + "/ack", null, new byte[0]);
  }

  private static List<JsonNode> inbox(TestNode node, Http agency) {
    List<JsonNode> items = new ArrayList<>();
    agency
        .get(node.localUrl() + "/api/v1/inbox?limit=100")
        .json()
        .path("items")
        .forEach(items::add);
    return items;
  }

  private static JsonNode header(List<JsonNode> items, String id) {
    return items.stream()
        .filter(item -> id.equals(item.path("messageId").asText()))
        .findFirst()
        .orElseThrow()
        .path("signedMessage")
        .path("envelope")
        .path("header");
  }

  private static JsonNode partner(JsonNode partners, String node) {
    for (JsonNode partner : partners) {
      if (node.equals(partner.path("node").asText())) {
        return partner;
      }
    }
    throw new AssertionError("no partner " + node + " in " + partners);
  }

  private static List<String> messageIds(List<JsonNode> items) {
    return items.stream().map(item -> item.path("messageId").asText()).toList();
  }

  private static List<String> strings(Iterable<JsonNode> values) {
    List<String> list = new ArrayList<>();
    values.forEach(value -> list.add(value.asText()));
    return list;
  }
}
