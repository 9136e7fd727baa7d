package org.kopir.gateway.pseudonymization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
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
import org.kopir.gateway.testsupport.PseudonymKeyOperator;
import org.kopir.gateway.testsupport.TestNode;

/**
 * The kg-kz partnership rotates its pseudonym key from k1 to k2 at both nodes by the procedure of
 * docs/privacy.md §4, with referrals of one child before, during and after the overlap: the
 * receiving node links them across the rotation while k1 is kept, and no longer under k1 once k1 is
 * destroyed, while everything else goes on working.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PseudonymKeyRotationIT {

  private static final String PARTNERSHIP = "kg-kz";

  @TempDir static Path data;
  static TestNode kz;
  static TestNode kg;
  static PseudonymKeyOperator kzKeys;
  static PseudonymKeyOperator kgKeys;
  static Http kzCpc;
  static Http kgCpd;

  /** The child's referral sent under k1 only, and the one sent during the overlap. */
  static JsonNode beforeRotation;

  static JsonNode duringOverlap;

  @BeforeAll
  static void startNodes() {
    kz = new TestNode("kz", data.resolve("kz"));
    kg = new TestNode("kg", data.resolve("kg"));
    kzKeys = PseudonymKeyOperator.of(kz, data.resolve("kz-files"));
    kgKeys = PseudonymKeyOperator.of(kg, data.resolve("kg-files"));
    kz.partner(kg);
    kg.partner(kz);
    kg.start();
    kz.start();
    kzCpc = kz.agency("kz-cpc");
    kgCpd = kg.agency("kg-cpd");
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
  void beforeTheRotationMessagesCarryK1PseudonymsOnly() {
    beforeRotation = deliverToKg(Envelopes.referral());

    assertThat(caseToken(beforeRotation)).startsWith("case.k1.");
    assertThat(linkKeys(beforeRotation)).isNotEmpty().allMatch(key -> key.contains(".k1."));
  }

  @Test
  @Order(2)
  void onlyOperatorsManageTheKeysAndTheyNeverSeeKeyMaterial() {
    String url = kz.localUrl() + "/api/v1/partners/kg/pseudonym-keys";
    assertThat(kz.person("auditor").get(url).status()).isEqualTo(403);
    assertThat(kzCpc.get(url).status()).isEqualTo(403);

    Http.Answer keys = kzKeys.keys("kg");

    assertThat(keys.status()).isEqualTo(200);
    assertThat(keys.json().path("currentKid").asText()).isEqualTo("k1");
    assertThat(keys.body()).doesNotContainPattern("[0-9a-f]{64}");
    JsonNode apiPaths = kz.anonymous().get(kz.localUrl() + "/v3/api-docs").json().path("paths");
    assertThat(apiPaths.path("/api/v1/partners/{partner}/pseudonym-keys/{kid}").has("delete"))
        .isTrue();
  }

  @Test
  @Order(3)
  void bothNodesRotateToANewKeyWithoutARestart() {
    Path k2 = kzKeys.createKey(PARTNERSHIP, "k2");
    kgKeys.receiveKey(PARTNERSHIP, k2);

    for (PseudonymKeyOperator node : List.of(kzKeys, kgKeys)) {
      String partner = partnerOf(node);
      Http.Answer reloaded = node.reload(partner);
      assertThat(reloaded.status()).isEqualTo(200);
      assertThat(reloaded.json().path("kids").toString()).isEqualTo("[\"k1\",\"k2\"]");
      assertThat(reloaded.json().path("currentKid").asText()).isEqualTo("k1");
    }
    for (PseudonymKeyOperator node : List.of(kzKeys, kgKeys)) {
      String partner = partnerOf(node);
      Http.Answer rotated = node.makeCurrent(partner, "k2");
      assertThat(rotated.status()).isEqualTo(200);
      assertThat(rotated.json().path("currentKid").asText()).isEqualTo("k2");
      assertThat(rotated.json().path("restartKeepsCurrentKid").asBoolean()).isFalse();
      node.setPartnershipFileKid(PARTNERSHIP, "k2");
      assertThat(node.keys(partner).json().path("restartKeepsCurrentKid").asBoolean()).isTrue();
    }
  }

  @Test
  @Order(4)
  void duringTheOverlapNewMessagesUseK2AndStillLinkToTheChildsEarlierReferral() {
    duringOverlap = deliverToKg(Envelopes.referral());

    assertThat(caseToken(duringOverlap)).startsWith("case.k2.");
    List<String> keys = linkKeys(duringOverlap);
    int perKid = keys.size() / 2;
    assertThat(keys.subList(0, perKid)).allMatch(key -> key.contains(".k2."));
    assertThat(keys.subList(perKid, keys.size())).allMatch(key -> key.contains(".k1."));
    for (String k1Key : linkKeys(beforeRotation)) {
      assertThat(linkedMessages(k1Key))
          .as(k1Key)
          .containsExactly(messageId(beforeRotation), messageId(duringOverlap));
    }
  }

  @Test
  @Order(5)
  void theReceivingNodesOwnMessagesUseK2Too() {
    ObjectNode reply = Envelopes.referral("KG", "kg-cpd", "KZ", "kz-cpc");
    String id = Envelopes.messageId(reply);

    assertThat(kgCpd.postJson(kg.localUrl() + "/api/v1/messages", reply.toString()).status())
        .isEqualTo(202);
    kg.awaitStatus(kgCpd, id, "DELIVERED");

    assertThat(caseToken(inboxItem(kz, kzCpc, id))).startsWith("case.k2.");
  }

  @Test
  @Order(6)
  void afterTheOverlapK1IsDestroyedAtBothNodesAndAudited() {
    assertThat(kzKeys.destroy("kg", "k2").status()).isEqualTo(409);

    for (PseudonymKeyOperator node : List.of(kzKeys, kgKeys)) {
      String partner = partnerOf(node);
      Http.Answer destroyed = node.destroy(partner, "k1");
      assertThat(destroyed.status()).isEqualTo(200);
      assertThat(destroyed.json().path("kids").toString()).isEqualTo("[\"k2\"]");
      assertThat(node.keyDir(PARTNERSHIP).resolve("k1.key")).doesNotExist();
    }
    for (TestNode node : List.of(kz, kg)) {
      JsonNode records =
          node.person("auditor")
              .get(node.localUrl() + "/api/v1/audit/records?event=key.destroyed")
              .json();
      assertThat(records.path("records")).hasSize(1);
      assertThat(records.path("records").get(0).path("detail").path("kid").asText())
          .isEqualTo("k1");
    }
  }

  @Test
  @Order(7)
  void afterK1IsDestroyedLinksHoldUnderK2OnlyAndARestartKeepsK2() {
    kz.stop();
    kz.start();
    assertThat(kzKeys.keys("kg").json().path("currentKid").asText()).isEqualTo("k2");

    JsonNode afterDestruction = deliverToKg(Envelopes.referral());

    assertThat(caseToken(afterDestruction)).startsWith("case.k2.");
    List<String> keys = linkKeys(afterDestruction);
    assertThat(keys).isNotEmpty().allMatch(key -> key.contains(".k2."));
    for (String k2Key : keys) {
      assertThat(linkedMessages(k2Key))
          .as(k2Key)
          .containsExactly(messageId(duringOverlap), messageId(afterDestruction));
    }
    for (String k1Key : linkKeys(beforeRotation)) {
      assertThat(linkedMessages(k1Key))
          .as(k1Key)
          .containsExactly(messageId(beforeRotation), messageId(duringOverlap));
    }
  }

  /** The partner whose keys {@code node}'s operator manages here: each node's only partner. */
  private static String partnerOf(PseudonymKeyOperator node) {
    return node == kzKeys ? "kg" : "kz";
  }

  /** Submits at kz to kg-cpd and returns the envelope kg-cpd finds in its inbox. */
  private static JsonNode deliverToKg(ObjectNode envelope) {
    String id = Envelopes.messageId(envelope);
    assertThat(kzCpc.postJson(kz.localUrl() + "/api/v1/messages", envelope.toString()).status())
        .isEqualTo(202);
    kz.awaitStatus(kzCpc, id, "DELIVERED");
    return inboxItem(kg, kgCpd, id);
  }

  private static JsonNode inboxItem(TestNode node, Http agency, String id) {
    for (JsonNode item :
        agency.get(node.localUrl() + "/api/v1/inbox?limit=100").json().path("items")) {
      if (id.equals(item.path("messageId").asText())) {
        return item.path("signedMessage").path("envelope");
      }
    }
    throw new AssertionError("message " + id + " is not in the inbox");
  }

  private static List<String> linkedMessages(String linkKey) {
    List<String> ids = new ArrayList<>();
    kgCpd
        .get(kg.localUrl() + "/api/v1/links/" + linkKey)
        .json()
        .path("messages")
        .forEach(message -> ids.add(message.path("messageId").asText()));
    return ids;
  }

  private static String caseToken(JsonNode envelope) {
    return envelope.path("header").path("caseToken").asText();
  }

  private static String messageId(JsonNode envelope) {
    return envelope.path("header").path("messageId").asText();
  }

  private static List<String> linkKeys(JsonNode envelope) {
    List<String> keys = new ArrayList<>();
    envelope.path("header").path("linkKeys").forEach(key -> keys.add(key.asText()));
    return keys;
  }
}
