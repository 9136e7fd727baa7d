package org.kopir.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.RouteTestNode;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Route {@code submit} of {@code routes/intake.camel.yaml}, the pipeline every channel calls, with
 * its outbound queue replaced by a mock endpoint: what reaches the queue, under which priority, and
 * that a repeat is answered like the first submission without being queued again.
 */
class SubmitRouteTest extends RouteTestNode {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired CamelContext camel;
  @Autowired ProducerTemplate producer;

  MockEndpoint outbound;

  @BeforeEach
  void replaceOutboundQueue() throws Exception {
    if (!camel.getStatus().isStarted()) {
      AdviceWith.adviceWith(
          camel,
          "submit",
          advice -> advice.weaveByToUri("jms:queue:*").replace().to("mock:outbound"));
      camel.start();
    }
    outbound = camel.getEndpoint("mock:outbound", MockEndpoint.class);
    outbound.reset();
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
