package org.kopir.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.audit.AuditStore;
import org.kopir.gateway.border.InboundStatus;
import org.kopir.gateway.border.InboxLedger;
import org.kopir.gateway.crypto.SignedMessageVerifier;
import org.kopir.gateway.crypto.VerifiedReceipt;
import org.kopir.gateway.delivery.BorderAnswer;
import org.kopir.gateway.testsupport.BrokerFaults;
import org.kopir.gateway.testsupport.Deliveries;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.TestNode;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Both nodes in one JVM, each sending over the transport a subclass configures: a referral from
 * kz-cpc reaches kg-cpd exactly once, the partner's signed receipts settle the sender's status, and
 * a message with a broken signature is refused over that transport.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoNodeTransportScenario {

  private static final String HTTPS_BORDER_ROUTES = "file:routes/border.camel.yaml";

  @TempDir static Path data;
  TestNode kz;
  TestNode kg;
  Http kzCpc;
  Http kgCpd;

  /** Sets {@code kopir.delivery.transport} and what it needs on both nodes. */
  abstract void configure(TestNode kz, TestNode kg);

  /** The value of {@code kopir.delivery.transport} the configuration chose. */
  abstract String transport();

  @BeforeAll
  void startNodes() {
    kz = new TestNode("kz", data.resolve("kz"));
    kg = new TestNode("kg", data.resolve("kg"));
    configure(kz, kg);
    // without the HTTPS border routes, whatever arrives came over the configured transport
    kz.set("camel.main.routes-exclude-pattern", HTTPS_BORDER_ROUTES);
    kg.set("camel.main.routes-exclude-pattern", HTTPS_BORDER_ROUTES);
    // a failed attempt of a high-priority message is retried at once
    kz.set("kopir.broker.retry.high.initial-delay", "200ms");
    kg.start();
    kz.start();
    kzCpc = kz.agency("kz-cpc");
    kgCpd = kg.agency("kg-cpd");
  }

  @AfterAll
  void stopNodes() {
    if (kz != null) {
      kz.stop();
    }
    if (kg != null) {
      kg.stop();
    }
  }

  @Test
  void referralArrivesOnceAndTheSenderLearnsItWasDeliveredThenRetrieved() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);

    assertThat(submit(envelope).status()).isEqualTo(202);

    awaitStatus(id, "DELIVERED");
    List<JsonNode> items = inbox();
    assertThat(ids(items)).containsOnlyOnce(id);
    assertThat(item(items, id).path("signedMessage").path("signature").path("format").asText())
        .isEqualTo("cms-detached-v1");

    Http.Answer ack = kgCpd.post(kg.localUrl() + "/api/v1/inbox/" + id + "/ack", null, new byte[0]);

    assertThat(ack.status()).isEqualTo(204);
    awaitStatus(id, "RETRIEVED");
  }

  @Test
  void aRepeatedDeliveryIsAnsweredWithTheOriginalReceiptAndStoredOnce() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    submit(envelope);
    awaitStatus(id, "DELIVERED");
    String signedMessage = item(inbox(), id).path("signedMessage").toString();

    BorderAnswer again = callPartner(signedMessage);

    VerifiedReceipt receipt = kz.bean(SignedMessageVerifier.class).verifyReceipt(again.receipt());
    assertThat(receipt.receipt().path("outcome").asText()).isEqualTo("DELIVERED");
    assertThat(receipt.receipt().path("messageId").asText()).isEqualTo(id);
    assertThat(ids(inbox())).containsOnlyOnce(id);
  }

  @Test
  void aDeliveryResumedAfterTheInboxWasAuditedButNotYetMarkedIsNotAuditedTwice() throws Exception {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    submit(envelope);
    awaitStatus(id, "DELIVERED");
    String signedMessage = item(inbox(), id).path("signedMessage").toString();
    String firstReceipt = kg.bean(InboxLedger.class).receiptOf(id);
    // kg stopped after inbox.enqueued was durable and before the row was marked: the sender never
    // got the receipt and delivers again.
    kg.bean(JdbcTemplate.class)
        .update("UPDATE inbound_message SET status = 'RECEIVED' WHERE message_id = ?", id);

    BorderAnswer again = callPartner(signedMessage);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.receipt()).isEqualTo(new ObjectMapper().readTree(firstReceipt));
    assertThat(kg.bean(InboxLedger.class).find(id).orElseThrow().status())
        .isEqualTo(InboundStatus.ENQUEUED);
    assertThat(ids(inbox())).containsOnlyOnce(id);
    assertThat(kg.bean(AuditStore.class).byMessageId(id))
        .filteredOn(record -> record.event().equals("inbox.enqueued"))
        .hasSize(1);
  }

  @Test
  void aDeliveryTheRecipientsInboxCannotTakeIsAnsweredWithoutAReceiptThenRetriedAndStoredOnce() {
    ObjectNode envelope = Envelopes.referral();
    ((ObjectNode) envelope.get("header")).put("priority", "high");
    String id = Envelopes.messageId(envelope);

    try (BrokerFaults faults = BrokerFaults.on(kg, "agency.kg-cpd.inbox").failOnce(id)) {
      submit(envelope);
      awaitStatus(id, "DELIVERED");
      assertThat(faults.failed()).isEqualTo(1);
    }

    assertThat(ids(inbox())).containsOnlyOnce(id);
    assertThat(Deliveries.events(kg, id))
        .containsSubsequence("border.refused failed INTERNAL_ERROR", "inbox.enqueued ok")
        .containsOnlyOnce("inbox.enqueued ok");
    assertThat(Deliveries.events(kz, id))
        .containsSubsequence("delivery.failed failed", "message.delivered ok")
        .doesNotContain("message.refused refused");
  }

  @Test
  void aMessageWithABrokenSignatureIsRefusedWithBadSignature() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    submit(envelope);
    awaitStatus(id, "DELIVERED");
    ObjectNode tampered = (ObjectNode) item(inbox(), id).path("signedMessage").deepCopy();
    ObjectNode header = (ObjectNode) tampered.path("envelope").path("header");
    header.put("priority", "low".equals(header.path("priority").asText()) ? "high" : "low");

    BorderAnswer answer = callPartner(tampered.toString());

    assertThat(answer.status()).isEqualTo(400);
    VerifiedReceipt receipt = kz.bean(SignedMessageVerifier.class).verifyReceipt(answer.receipt());
    assertThat(receipt.receipt().path("outcome").asText()).isEqualTo("REFUSED");
    assertThat(receipt.receipt().path("reason").asText()).isEqualTo("BAD_SIGNATURE");
    assertThat(ids(inbox())).containsOnlyOnce(id);
  }

  /** The partner-call route of the configured transport, as the forward routes use it. */
  BorderAnswer callPartner(String signedMessage) {
    return kz.bean(ProducerTemplate.class)
        .requestBody(
            "direct:partner-" + transport() + "-message-kg", signedMessage, BorderAnswer.class);
  }

  Http.Answer submit(ObjectNode envelope) {
    return kzCpc.postJson(kz.localUrl() + "/api/v1/messages", envelope.toString());
  }

  void awaitStatus(String id, String status) {
    kz.awaitStatus(kzCpc, id, status);
  }

  List<JsonNode> inbox() {
    List<JsonNode> items = new ArrayList<>();
    kgCpd.get(kg.localUrl() + "/api/v1/inbox?limit=100").json().path("items").forEach(items::add);
    return items;
  }

  static JsonNode item(List<JsonNode> items, String id) {
    return items.stream()
        .filter(item -> id.equals(item.path("messageId").asText()))
        .findFirst()
        .orElseThrow();
  }

  static List<String> ids(List<JsonNode> items) {
    return items.stream().map(item -> item.path("messageId").asText()).toList();
  }
}
