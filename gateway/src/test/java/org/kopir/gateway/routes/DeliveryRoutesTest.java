package org.kopir.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.api.core.ICoreMessage;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.ServerConsumer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerConsumerPlugin;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.audit.AuditQueryService;
import org.kopir.gateway.audit.AuditRecord;
import org.kopir.gateway.broker.MessageHeaders;
import org.kopir.gateway.deadletters.DeadLetters;
import org.kopir.gateway.delivery.BorderAnswer;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.intake.OutboundStatus;
import org.kopir.gateway.intake.SubmissionLedger;
import org.kopir.gateway.observability.MessageLogContext;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.PartnerReceipts;
import org.kopir.gateway.testsupport.RouteTestNode;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The delivery routes of {@code routes/delivery.camel.yaml} on one node (kz) with the partner
 * replaced: advice puts a mock endpoint where the forward and receipt routes call {@code
 * direct:partner-https-*}; the mock answers as the partner would, with receipts signed by kg's key.
 * Everything else is real: the pipeline, the broker and its transactions, ledger and audit.
 */
class DeliveryRoutesTest extends RouteTestNode {

  /** What the partner answers for each message id; an absent id is answered DELIVERED. */
  static final Map<String, Function<Exchange, BorderAnswer>> ANSWERS = new ConcurrentHashMap<>();

  static final ConcurrentLinkedQueue<String> CALLS = new ConcurrentLinkedQueue<>();

  /**
   * Per message id, how the broker delivered its form to the forwarding route, delivery by
   * delivery: {@code bytes:} and the bytes read as UTF-8, or {@code text}.
   */
  static final Map<String, List<String>> FORMS = new ConcurrentHashMap<>();

  /** Per message id, the signed form of its first call. */
  static final Map<String, String> SIGNED = new ConcurrentHashMap<>();

  /**
   * Per message id, the logging context of the forwarding thread when it called the partner: the
   * node's {@code kopirMessageId}, and Camel's exchange id if Camel's MDC logging were on.
   */
  static final Map<String, List<String>> LOGGING_CONTEXT = new ConcurrentHashMap<>();

  /** Per message id, the type of the body each call to the partner was made with. */
  static final Map<String, List<String>> BODIES = new ConcurrentHashMap<>();

  static final PartnerReceipts KG = PartnerReceipts.of("kg");

  @Autowired CamelContext camel;
  @Autowired ProducerTemplate producer;
  @Autowired SubmissionLedger ledger;
  @Autowired AuditQueryService audit;
  @Autowired DeadLetters deadLetters;
  @Autowired EmbeddedActiveMQ broker;

  @Value("${kopir.queues.outbound}")
  String outboundQueues;

  @BeforeEach
  void replacePartner() throws Exception {
    if (camel.getStatus().isStarted()) {
      return;
    }
    for (String route : List.of("forward-kg-high", "forward-kg-normal", "forward-kg-low")) {
      AdviceWith.adviceWith(
          camel,
          route,
          advice ->
              advice
                  .weaveByToUri("direct:partner-*")
                  .replace()
                  .process(DeliveryRoutesTest::partner));
    }
    AdviceWith.adviceWith(
        camel,
        "return-receipts-kg",
        advice ->
            advice
                .weaveByToUri("direct:partner-*")
                .replace()
                .process(
                    exchange -> {
                      String id = exchange.getMessage().getHeader("kopirTestReceipt", String.class);
                      CALLS.add("receipt:" + id);
                      long tries = CALLS.stream().filter(("receipt:" + id)::equals).count();
                      exchange
                          .getMessage()
                          .setBody(new BorderAnswer(tries < 2 ? 503 : 204, null, null));
                    }));
    broker
        .getActiveMQServer()
        .registerBrokerPlugin(
            new ActiveMQServerMessagePlugin() {
              @Override
              public void beforeDeliver(ServerConsumer consumer, MessageReference reference) {
                if (consumer.getQueueName().toString().startsWith(outboundQueues + ".kg.")) {
                  ICoreMessage message = reference.getMessage().toCore();
                  FORMS
                      .computeIfAbsent(
                          message.getStringProperty(MessageHeaders.MESSAGE_ID),
                          id -> new CopyOnWriteArrayList<>())
                      .add(form(message));
                }
              }
            });
    camel.start();
  }

  static String form(ICoreMessage message) {
    if (message.getType() == org.apache.activemq.artemis.api.core.Message.TEXT_TYPE) {
      return "text";
    }
    ActiveMQBuffer body = message.getReadOnlyBodyBuffer();
    byte[] bytes = new byte[body.readableBytes()];
    body.readBytes(bytes);
    return "bytes:" + new String(bytes, StandardCharsets.UTF_8);
  }

  /** The partner: records the call and answers as {@link #ANSWERS} says. */
  static void partner(Exchange exchange) {
    String signed = exchange.getMessage().getBody(String.class);
    String id = Envelopes.messageId((ObjectNode) json(signed).path("envelope"));
    CALLS.add(id);
    SIGNED.putIfAbsent(id, signed);
    LOGGING_CONTEXT.putIfAbsent(
        id, Arrays.asList(MDC.get(MessageLogContext.MESSAGE_ID), MDC.get("camel.exchangeId")));
    BODIES
        .computeIfAbsent(id, key -> new CopyOnWriteArrayList<>())
        .add(exchange.getMessage().getBody().getClass().getSimpleName());
    BorderAnswer answer = ANSWERS.getOrDefault(id, DeliveryRoutesTest::delivered).apply(exchange);
    exchange.getMessage().setBody(answer);
  }

  /** The partner answers the first call for {@code id} with {@code first}, later ones DELIVERED. */
  static void answerFirstThenDeliver(String id, Function<Exchange, BorderAnswer> first) {
    ANSWERS.put(
        id,
        exchange ->
            CALLS.stream().filter(id::equals).count() < 2
                ? first.apply(exchange)
                : delivered(exchange));
  }

  static BorderAnswer delivered(Exchange exchange) {
    return receipt(exchange, "DELIVERED", null);
  }

  static BorderAnswer receipt(Exchange exchange, String outcome, String reason) {
    ObjectNode signed = (ObjectNode) json(exchange.getMessage().getBody(String.class));
    String id = signed.path("envelope").path("header").path("messageId").asText();
    String digest =
        exchange
            .getProperty("kopirAttempt", org.kopir.gateway.delivery.Attempt.class)
            .envelopeDigest();
    return new BorderAnswer(200, KG.signed(outcome, id, digest, reason), null);
  }

  @Test
  void aDeliveredReceiptSettlesTheMessageAsDelivered() {
    String id = submit(Envelopes.referral());

    awaitStatus(id, OutboundStatus.DELIVERED);
    // message.queued is written after the send, so it may follow the first attempt
    awaitEvents(id, "delivery.attempted", "receipt.received", "message.delivered");
    awaitEvents(id, "message.queued");
    // The receipt's record and the status's record are one append, next to each other
    assertThat(seq(id, "message.delivered")).isEqualTo(seq(id, "receipt.received") + 1);
  }

  @Test
  void theSignedFormIsQueuedInUtf8BytesAndGoesToThePartnerAsText() {
    String id = submit(Envelopes.referral());

    awaitStatus(id, OutboundStatus.DELIVERED);
    assertThat(FORMS.get(id)).containsExactly("bytes:" + SIGNED.get(id));
    // Text, as a partner's JMS border takes it (docs/spec/exchange.md)
    assertThat(BODIES.get(id)).containsExactly("String");
  }

  @Test
  void aSignedFormQueuedAsTextByAnEarlierReleaseIsForwardedAlike() {
    String id = submit(Envelopes.referral());
    awaitStatus(id, OutboundStatus.DELIVERED);
    String signed = SIGNED.get(id);
    Map<String, Object> headers = new HashMap<>();
    headers.put(MessageHeaders.MESSAGE_ID, id);
    headers.put(MessageHeaders.MESSAGE_TYPE, "referral.request");
    headers.put(MessageHeaders.RECIPIENT_AGENCY, "kg-cpd");
    headers.put(MessageHeaders.PRIORITY, "high");
    headers.put(MessageHeaders.PARTNER, "kg");
    headers.put(MessageHeaders.ENVELOPE_DIGEST, ledger.find(id).orElseThrow().envelopeDigest());
    headers.put(MessageHeaders.DUPLICATE_ID, id + ":as-text");

    producer.sendBodyAndHeaders("jms:queue:" + outboundQueues + ".kg.high", signed, headers);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(BODIES.get(id)).containsExactly("String", "String"));
    assertThat(FORMS.get(id)).containsExactly("bytes:" + signed, "text");
  }

  @Test
  void consecutiveDeliveriesReuseTheQueuesBrokerConsumers() {
    AtomicInteger opened = new AtomicInteger();
    broker
        .getActiveMQServer()
        .registerBrokerPlugin(
            new ActiveMQServerConsumerPlugin() {
              @Override
              public void afterCreateConsumer(ServerConsumer consumer) {
                if (consumer.getQueueName().toString().startsWith(outboundQueues + ".kg.")) {
                  opened.incrementAndGet();
                }
              }
            });

    for (int i = 0; i < 5; i++) {
      awaitStatus(submit(Envelopes.referral()), OutboundStatus.DELIVERED);
    }

    // A transacted consumer left at Camel's automatic cache level opens a consumer at the broker
    // for every message (and every idle receive); cached, the route's consumers stay open.
    assertThat(opened).hasValue(0);
  }

  @Test
  void thePartnerIsCalledWithTheMessagesIdAndNoneOfCamelsIdsInTheLoggingContext() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);

    submit(envelope);

    awaitStatus(id, OutboundStatus.DELIVERED);
    assertThat(LOGGING_CONTEXT.get(id)).containsExactly(id, null);
  }

  @Test
  void aRefusedReceiptIsFinalWithThePartnersCode() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    ANSWERS.put(id, exchange -> receipt(exchange, "REFUSED", "STALE_MESSAGE"));

    submit(envelope);

    awaitStatus(id, OutboundStatus.REFUSED);
    assertThat(ledger.find(id).orElseThrow().statusReason()).isEqualTo("STALE_MESSAGE");
    awaitEvents(id, "receipt.received", "message.refused");
    assertThat(seq(id, "message.refused")).isEqualTo(seq(id, "receipt.received") + 1);
    assertThat(events(id)).doesNotContain("message.delivered");
    assertThat(CALLS.stream().filter(id::equals).count()).isEqualTo(1);
  }

  @Test
  void aFailedAttemptWithinTheBudgetIsRolledBackAndRedelivered() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    answerFirstThenDeliver(
        id, exchange -> BorderAnswer.unreachable("partner unreachable: ConnectException"));

    submit(envelope);

    awaitStatus(id, OutboundStatus.DELIVERED);
    assertThat(ledger.find(id).orElseThrow().attempts()).isEqualTo(2);
    awaitEvents(id, "delivery.failed", "message.delivered");
  }

  @Test
  void aReceiptNamingAnotherMessageIsAFailedAttempt() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    answerFirstThenDeliver(
        id,
        exchange ->
            new BorderAnswer(
                200,
                KG.signed("DELIVERED", java.util.UUID.randomUUID().toString(), "00", null),
                null));

    submit(envelope);

    awaitStatus(id, OutboundStatus.DELIVERED);
    awaitEvents(id, "delivery.failed", "message.delivered");
    assertThat(failureReasons(id)).containsExactly("receipt names another message");
  }

  @Test
  void aVerifiedReceiptWithAnOutcomeThisNodeDoesNotExpectIsAFailedAttemptOnRecord() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    answerFirstThenDeliver(id, exchange -> receipt(exchange, "RETRIEVED", null));

    submit(envelope);

    awaitStatus(id, OutboundStatus.DELIVERED);
    awaitEvents(
        id,
        "delivery.attempted",
        "receipt.received",
        "delivery.failed",
        "delivery.attempted",
        "receipt.received",
        "message.delivered");
    assertThat(failureReasons(id)).containsExactly("unexpected receipt outcome");
  }

  @Test
  void anAttemptIsCountedAndAuditedInTheCommitOfItsOutcome() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    Map<String, Object> duringTheCall = new ConcurrentHashMap<>();
    ANSWERS.put(
        id,
        exchange -> {
          duringTheCall.put("events", events(id));
          duringTheCall.put("attempts", ledger.find(id).orElseThrow().attempts());
          return delivered(exchange);
        });

    submit(envelope);

    awaitStatus(id, OutboundStatus.DELIVERED);
    assertThat(duringTheCall.get("events")).asList().doesNotContain("delivery.attempted");
    assertThat(duringTheCall.get("attempts")).isEqualTo(0);
    assertThat(ledger.find(id).orElseThrow().attempts()).isEqualTo(1);
    long attempted = seq(id, "delivery.attempted");
    assertThat(seq(id, "receipt.received")).isEqualTo(attempted + 1);
    assertThat(seq(id, "message.delivered")).isEqualTo(attempted + 2);
  }

  @Test
  void aFailureAfterTheBudgetParksTheMessageAsADeadLetterAndAReplayDeliversIt() {
    String id = deadLetteredLowPriorityMessage();
    assertThat(ledger.find(id).orElseThrow().statusReason()).isEqualTo("RETRY_BUDGET_SPENT");

    deadLetters.replay(id, "user:operator");

    awaitStatus(id, OutboundStatus.DELIVERED);
    awaitEvents(id, "message.replayed", "message.delivered");
  }

  @Test
  void aReplayThatCannotReachTheQueueLeavesTheMessageParkedAndSaysSoInTheTrail() throws Exception {
    String id = deadLetteredLowPriorityMessage();

    camel.getRouteController().stopRoute("requeue-dead-letter");
    try {
      assertThatThrownBy(() -> deadLetters.replay(id, "user:operator"))
          .isInstanceOfSatisfying(
              KopirException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    } finally {
      camel.getRouteController().startRoute("requeue-dead-letter");
    }

    assertThat(ledger.find(id).orElseThrow().status()).isEqualTo(OutboundStatus.DEAD_LETTERED);
    assertThat(events(id))
        .containsSubsequence("message.dead-lettered", "message.replayed", "message.dead-lettered")
        .doesNotContain("message.delivered");
    deadLetters.replay(id, "user:operator");
    awaitStatus(id, OutboundStatus.DELIVERED);
  }

  @Test
  void aReceiptThePartnerDoesNotTakeIsRetriedUntilItAnswers204() {
    String id = java.util.UUID.randomUUID().toString();

    producer.sendBodyAndHeaders(
        "jms:queue:kopir.outbound-receipts.kg",
        "{\"receipt\":{},\"signature\":{}}",
        Map.of(MessageHeaders.MESSAGE_ID, id, "kopirTestReceipt", id));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> CALLS.stream().filter(("receipt:" + id)::equals).count() == 2);
  }

  /**
   * A low-priority referral (its budget spent at the first failure here) that the partner answered
   * 503, parked as a dead letter; the partner answers DELIVERED from now on.
   */
  private String deadLetteredLowPriorityMessage() {
    ObjectNode envelope = Envelopes.referral();
    ((ObjectNode) envelope.get("header")).put("priority", "low");
    String id = Envelopes.messageId(envelope);
    ANSWERS.put(id, exchange -> new BorderAnswer(503, null, null));
    submit(envelope);
    awaitStatus(id, OutboundStatus.DEAD_LETTERED);
    awaitEvents(id, "message.dead-lettered");
    ANSWERS.remove(id);
    return id;
  }

  private String submit(ObjectNode envelope) {
    Exchange done =
        producer.send(
            "direct:submit",
            exchange -> {
              exchange.getIn().setBody(envelope);
              exchange.setProperty("kopirCaller", "kz-cpc");
            });
    assertThat(done.getException()).isNull();
    JsonNode answer = json(done.getMessage().getBody(String.class));
    assertThat(answer.path("status").asText()).isEqualTo("QUEUED");
    return answer.path("messageId").asText();
  }

  private void awaitStatus(String id, OutboundStatus status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(ledger.find(id).orElseThrow().status()).isEqualTo(status));
  }

  private void awaitEvents(String id, String... inOrder) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(events(id)).containsSubsequence(inOrder));
  }

  private List<String> events(String id) {
    return audit.timeline(id).stream().map(AuditRecord::event).toList();
  }

  private long seq(String id, String event) {
    return audit.timeline(id).stream()
        .filter(record -> record.event().equals(event))
        .mapToLong(AuditRecord::seq)
        .max()
        .orElseThrow();
  }

  private List<String> failureReasons(String id) {
    return audit.timeline(id).stream()
        .filter(record -> record.event().equals("delivery.failed"))
        .map(record -> record.detail().path("reason").asText())
        .toList();
  }

  private static JsonNode json(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
