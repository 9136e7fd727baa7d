package org.kopir.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.audit.AuditQueryService;
import org.kopir.gateway.audit.AuditRecord;
import org.kopir.gateway.broker.MessageHeaders;
import org.kopir.gateway.deadletters.DeadReceipt;
import org.kopir.gateway.deadletters.ReceiptDeadLetterStore;
import org.kopir.gateway.deadletters.ReceiptDeadLetters;
import org.kopir.gateway.delivery.BorderAnswer;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.testsupport.PartnerReceipts;
import org.kopir.gateway.testsupport.RouteTestNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * RETRIEVED receipts the partner does not take, through {@code routes/delivery.camel.yaml}: route
 * {@code return-receipts} counts each failed attempt, the broker moves the receipt aside after
 * {@code kopir.broker.redelivery.max-attempts}, {@code park-dead-letter-receipts} parks it, and an
 * operator's replay ({@code requeue-dead-letter-receipt}) brings the same signed bytes to the
 * partner. The partner call is replaced by advice; broker, database and audit are real.
 */
class ReceiptDeadLetterRoutesTest extends RouteTestNode {

  static final int MAX_ATTEMPTS = 3;

  /** While true the partner is unreachable; then it answers 204. */
  static final AtomicBoolean PARTNER_DOWN = new AtomicBoolean(true);

  /** The signed receipts the partner took (answered 204). */
  static final ConcurrentLinkedQueue<String> TAKEN = new ConcurrentLinkedQueue<>();

  @DynamicPropertySource
  static void fewAttempts(DynamicPropertyRegistry registry) {
    registry.add("kopir.broker.redelivery.max-attempts", () -> MAX_ATTEMPTS);
  }

  @Autowired CamelContext camel;
  @Autowired ProducerTemplate producer;
  @Autowired ReceiptDeadLetterStore store;
  @Autowired ReceiptDeadLetters receiptDeadLetters;
  @Autowired AuditQueryService audit;

  @BeforeEach
  void replacePartner() throws Exception {
    if (camel.getStatus().isStarted()) {
      return;
    }
    AdviceWith.adviceWith(
        camel,
        "return-receipts-kg",
        advice ->
            advice
                .weaveByToUri("direct:partner-*")
                .replace()
                .process(ReceiptDeadLetterRoutesTest::partner));
    camel.start();
  }

  static void partner(Exchange exchange) {
    if (PARTNER_DOWN.get()) {
      exchange
          .getMessage()
          .setBody(BorderAnswer.unreachable("partner unreachable: ConnectException"));
      return;
    }
    TAKEN.add(exchange.getMessage().getBody(String.class));
    exchange.getMessage().setBody(new BorderAnswer(204, null, null));
  }

  @Test
  void aReceiptWhoseAttemptsAreExhaustedIsListedAndAReplayBringsItToThePartner() {
    String id = UUID.randomUUID().toString();
    String signed =
        PartnerReceipts.of("kz").signed("RETRIEVED", id, "ab".repeat(32), null).toString();
    // As route queue-retrieved-receipt queues it: the message id and the duplicate id
    producer.sendBodyAndHeaders(
        "jms:queue:kopir.outbound-receipts.kg",
        signed,
        Map.of(MessageHeaders.MESSAGE_ID, id, MessageHeaders.DUPLICATE_ID, "retrieved:" + id));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(store.find(id)).isPresent());
    DeadReceipt parked = store.find(id).orElseThrow();
    assertThat(parked.outcome()).isEqualTo("RETRIEVED");
    assertThat(parked.reason()).isEqualTo("ATTEMPTS_EXHAUSTED");
    assertThat(parked.attempts()).isEqualTo(MAX_ATTEMPTS);
    assertThat(parked.lastFailure()).isEqualTo("partner unreachable: ConnectException");
    assertThat(store.page(0, 50)).extracting(DeadReceipt::messageId).contains(id);
    awaitEvents(id, "receipt.dead-lettered");

    PARTNER_DOWN.set(false);
    receiptDeadLetters.replay(id, "user:operator");

    // The same signed bytes, past the broker's duplicate detection of the first send
    await().atMost(Duration.ofSeconds(20)).until(() -> TAKEN.contains(signed));
    assertThat(store.find(id)).isEmpty();
    assertThat(store.page(0, 50)).extracting(DeadReceipt::messageId).doesNotContain(id);
    awaitEvents(id, "receipt.dead-lettered", "receipt.replayed");
    AuditRecord replayed =
        audit.timeline(id).stream()
            .filter(r -> r.event().equals("receipt.replayed"))
            .findFirst()
            .orElseThrow();
    assertThat(replayed.actor()).isEqualTo("user:operator");
    assertThat(replayed.detail().path("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
    // A second replay finds nothing parked
    assertThatThrownBy(() -> receiptDeadLetters.replay(id, "user:operator"))
        .isInstanceOfSatisfying(
            KopirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void anUnknownReceiptIsNotFound() {
    assertThatThrownBy(
            () -> receiptDeadLetters.replay(UUID.randomUUID().toString(), "user:operator"))
        .isInstanceOfSatisfying(
            KopirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  private void awaitEvents(String id, String... inOrder) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(audit.timeline(id).stream().map(AuditRecord::event).toList())
                    .containsSubsequence(inOrder));
  }
}
