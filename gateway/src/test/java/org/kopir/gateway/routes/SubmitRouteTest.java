package org.kopir.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.audit.AuditQueryService;
import org.kopir.gateway.audit.AuditRecord;
import org.kopir.gateway.audit.JdbcAuditTrail;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.intake.OutboundRecord;
import org.kopir.gateway.intake.OutboundStatus;
import org.kopir.gateway.intake.SubmissionLedger;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.RouteTestNode;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Route {@code submit} of {@code routes/intake.camel.yaml}, the pipeline every channel calls, with
 * its outbound queue replaced by a mock endpoint: what reaches the queue, under which priority, and
 * that a repeat is answered like the first submission without being queued again, also when two
 * submissions of one envelope run at the same moment.
 */
class SubmitRouteTest extends RouteTestNode {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired CamelContext camel;
  @Autowired ProducerTemplate producer;

  @Autowired AuditQueryService auditQueries;
  @Autowired SubmissionLedger ledger;
  @Autowired JdbcAuditTrail trail;

  MockEndpoint outbound;

  /** When set, every submission waits here just before its ledger row is written. */
  private static volatile CyclicBarrier beforeRegistration;

  /** When set, the send to the outbound queue counts down {@link #inQueueSend} and waits. */
  private static volatile CountDownLatch inQueueSend;

  private static volatile CountDownLatch queueSendMayFinish;

  @BeforeEach
  void replaceOutboundQueue() throws Exception {
    beforeRegistration = null;
    inQueueSend = null;
    queueSendMayFinish = null;
    if (!camel.getStatus().isStarted()) {
      AdviceWith.adviceWith(
          camel,
          "submit",
          advice -> {
            advice.weaveByToUri("jms:queue:*").replace().to("mock:outbound");
            advice
                .weaveByToString("Bean\\[.*intakeAnswers.*register.*\\]")
                .before()
                .process(
                    exchange -> {
                      CyclicBarrier barrier = beforeRegistration;
                      if (barrier != null) {
                        barrier.await(20, TimeUnit.SECONDS);
                      }
                    });
          });
      camel.start();
    }
    outbound = camel.getEndpoint("mock:outbound", MockEndpoint.class);
    outbound.reset();
    outbound.whenAnyExchangeReceived(
        exchange -> {
          CountDownLatch sending = inQueueSend;
          if (sending != null) {
            sending.countDown();
            assertThat(queueSendMayFinish.await(20, TimeUnit.SECONDS)).isTrue();
          }
        });
  }

  @Test
  void theSignedPseudonymizedFormGoesToTheQueueOfItsPriority() throws Exception {
    ObjectNode envelope = Envelopes.referral();
    ((ObjectNode) envelope.get("header")).put("priority", "high");
    outbound.expectedMessageCount(1);
    outbound.expectedHeaderReceived("kopirPriority", "high");
    outbound.expectedHeaderReceived("kopirMessageId", Envelopes.messageId(envelope));

    JsonNode answer = submit(envelope);

    outbound.assertIsSatisfied();
    assertThat(answer.path("status").asText()).isEqualTo("QUEUED");
    JsonNode queued = JSON.readTree(outbound.getExchanges().get(0).getIn().getBody(String.class));
    assertThat(queued.path("signature").isObject()).isTrue();
    assertThat(queued.path("envelope").path("header").has("caseRef")).isFalse();
    assertThat(queued.path("envelope").path("header").path("caseToken").asText()).isNotBlank();
    assertThat(outbound.getExchanges().get(0).getIn().getHeaders())
        .containsOnlyKeys(
            "kopirMessageId",
            "kopirMessageType",
            "kopirRecipientAgency",
            "kopirPriority",
            "kopirPartner",
            "kopirEnvelopeDigest",
            "_AMQ_DUPL_ID",
            "JMSPriority");
  }

  @Test
  void aNewMessageIsOnRecordInTwoCommitsReceivedWithItsRegistrationThenQueued() throws Exception {
    ObjectNode envelope = Envelopes.referral();
    outbound.expectedMessageCount(1);
    long commits = trail.batchesCommitted();

    submit(envelope);

    outbound.assertIsSatisfied();
    assertThat(trail.batchesCommitted() - commits).isEqualTo(2);
    assertThat(events(envelope))
        .containsExactly(
            "message.received", "message.pseudonymized", "message.signed", "message.queued");
  }

  @Test
  void aRepeatIsAnsweredLikeTheFirstSubmissionAndNotQueuedAgain() throws Exception {
    ObjectNode envelope = Envelopes.referral();
    outbound.expectedMessageCount(1);

    JsonNode first = submit(envelope.deepCopy());
    JsonNode again = submit(envelope.deepCopy());

    outbound.assertIsSatisfied();
    assertThat(again).isEqualTo(first);
  }

  @Test
  void otherContentUnderAnAcceptedIdIsRefusedAsDuplicate() {
    ObjectNode envelope = Envelopes.referral();
    submit(envelope.deepCopy());
    ((ObjectNode) envelope.get("header")).put("priority", "low");

    Exchange done = send(envelope);

    assertThat(done.getException())
        .isInstanceOfSatisfying(
            KopirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_ID));
  }

  @Test
  void aCallerOtherThanTheSenderIsRefusedBeforeAnythingIsWritten() throws Exception {
    outbound.expectedMessageCount(0);

    Exchange done =
        producer.send(
            "direct:submit",
            exchange -> {
              exchange.getIn().setBody(Envelopes.referral());
              exchange.setProperty("kopirCaller", "kz-almaty-guardianship");
            });

    assertThat(done.getException())
        .isInstanceOfSatisfying(
            KopirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SENDER_MISMATCH));
    outbound.assertIsSatisfied();
  }

  @Test
  void twoSubmissionsOfOneEnvelopeAtTheSameMomentAreQueuedOnceAndAnsweredAlike() throws Exception {
    ObjectNode envelope = Envelopes.referral();
    outbound.expectedMessageCount(1);
    // both have passed the repeat check, pseudonymized and signed when they race for the row
    beforeRegistration = new CyclicBarrier(2);
    ExecutorService agencies = Executors.newFixedThreadPool(2);
    try {
      Future<Answer> first = agencies.submit(() -> answer(send(envelope.deepCopy())));
      Future<Answer> second = agencies.submit(() -> answer(send(envelope.deepCopy())));

      assertAcceptedOnceAndAnsweredAlike(
          envelope, first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));
    } finally {
      agencies.shutdownNow();
    }
  }

  @Test
  void aSubmissionArrivingWhileTheFirstIsBeingQueuedWaitsAndIsAnsweredAlike() throws Exception {
    ObjectNode envelope = Envelopes.referral();
    outbound.expectedMessageCount(1);
    inQueueSend = new CountDownLatch(1);
    queueSendMayFinish = new CountDownLatch(1);
    ExecutorService agencies = Executors.newFixedThreadPool(2);
    try {
      Future<Answer> first = agencies.submit(() -> answer(send(envelope.deepCopy())));
      assertThat(inQueueSend.await(20, TimeUnit.SECONDS)).isTrue();
      Future<Answer> second = agencies.submit(() -> answer(send(envelope.deepCopy())));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> events(envelope).stream().filter("message.received"::equals).count() == 2);
      Thread.sleep(200);
      assertThat(second.isDone()).as("answered before the first was queued").isFalse();
      queueSendMayFinish.countDown();

      assertAcceptedOnceAndAnsweredAlike(
          envelope, first.get(20, TimeUnit.SECONDS), second.get(20, TimeUnit.SECONDS));
    } finally {
      agencies.shutdownNow();
    }
  }

  /** What a channel answers from: HTTP status and Location for REST, and the JSON body. */
  private record Answer(Object status, Object location, String body) {}

  private static Answer answer(Exchange done) {
    assertThat(done.getException()).isNull();
    return new Answer(
        done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE),
        done.getMessage().getHeader("Location"),
        done.getMessage().getBody(String.class));
  }

  @Test
  void aSubmissionWhoseQueueSendFailedIsProcessedAgainAtOnceWhenSubmittedAgain() throws Exception {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    outbound.whenExchangeReceived(
        1,
        exchange -> {
          throw new IllegalStateException("the broker refused the send");
        });
    outbound.expectedMessageCount(2);

    Exchange failed = send(envelope.deepCopy());

    assertThat(failed.getException()).isInstanceOf(IllegalStateException.class);
    OutboundRecord released = ledger.find(id).orElseThrow();
    assertThat(released.status()).isEqualTo(OutboundStatus.RECEIVED);
    assertThat(released.statusReason()).isEqualTo("INTERNAL_ERROR");

    JsonNode again = submit(envelope.deepCopy());

    outbound.assertIsSatisfied();
    assertThat(again.path("status").asText()).isEqualTo("QUEUED");
    assertThat(ledger.find(id).orElseThrow().statusReason()).isNull();
    assertThat(events(envelope))
        .containsExactly(
            "message.received",
            "message.pseudonymized",
            "message.signed",
            "message.received",
            "message.pseudonymized",
            "message.signed",
            "message.queued");
  }

  private void assertAcceptedOnceAndAnsweredAlike(ObjectNode envelope, Answer one, Answer other)
      throws Exception {
    outbound.assertIsSatisfied();
    assertThat(one.status()).isEqualTo(202);
    assertThat(JSON.readTree(one.body()).path("messageId").asText())
        .isEqualTo(Envelopes.messageId(envelope));
    assertThat(JSON.readTree(one.body()).path("status").asText()).isEqualTo("QUEUED");
    assertThat(other).isEqualTo(one);
    // each submission is received; only one is processed, and the other audits nothing more
    assertThat(events(envelope))
        .containsExactlyInAnyOrder(
            "message.received",
            "message.received",
            "message.pseudonymized",
            "message.signed",
            "message.queued");
  }

  private List<String> events(ObjectNode envelope) {
    return auditQueries.timeline(Envelopes.messageId(envelope)).stream()
        .map(AuditRecord::event)
        .toList();
  }

  private JsonNode submit(ObjectNode envelope) {
    Exchange done = send(envelope);
    assertThat(done.getException()).isNull();
    try {
      return JSON.readTree(done.getMessage().getBody(String.class));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Exchange send(ObjectNode envelope) {
    return producer.send(
        "direct:submit",
        exchange -> {
          exchange.getIn().setBody(envelope);
          exchange.setProperty("kopirCaller", "kz-cpc");
        });
  }
}
