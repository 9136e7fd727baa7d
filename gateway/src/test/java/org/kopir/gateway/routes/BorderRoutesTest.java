package org.kopir.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.audit.AuditRecord;
import org.kopir.gateway.audit.AuditStore;
import org.kopir.gateway.audit.JdbcAuditTrail;
import org.kopir.gateway.border.BorderIntake;
import org.kopir.gateway.border.InboundDelivery;
import org.kopir.gateway.border.InboxLedger;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.PartnerReceipts;
import org.kopir.gateway.testsupport.RouteTestNode;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Route {@code border-deliver} of {@code routes/border-transports.camel.yaml}, which every border
 * transport runs, at node kz with the recipient agency's inbox replaced by a mock endpoint: a
 * message signed by the partner node (kg's development key) is verified, lands in the inbox once
 * and is answered with this node's signed receipt; anything else is refused before the inbox.
 */
class BorderRoutesTest extends RouteTestNode {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** By message id: its audit events as the registration step found them. */
  private static final Map<String, List<String>> ON_RECORD_BEFORE_REGISTRATION =
      new ConcurrentHashMap<>();

  @Autowired CamelContext camel;
  @Autowired ProducerTemplate producer;
  @Autowired AuditStore audit;
  @Autowired JdbcAuditTrail trail;
  @Autowired InboxLedger ledger;

  MockEndpoint inbox;

  @BeforeEach
  void replaceInbox() throws Exception {
    if (!camel.getStatus().isStarted()) {
      AdviceWith.adviceWith(
          camel,
          "border-deliver",
          advice -> {
            advice.weaveByToUri("jms:queue:*").replace().to("mock:inbox");
            advice
                .weaveByToString(".*borderSteps.*register.*")
                .before()
                .process(
                    exchange -> {
                      String id =
                          exchange
                              .getProperty(InboundDelivery.PROPERTY, InboundDelivery.class)
                              .header()
                              .messageId();
                      ON_RECORD_BEFORE_REGISTRATION.put(id, eventsOf(id));
                    });
          });
      camel.start();
    }
    inbox = camel.getEndpoint("mock:inbox", MockEndpoint.class);
    inbox.reset();
  }

  @Test
  void aMessageSignedByThePartnerLandsInTheRecipientsInboxAndIsAnsweredWithTheReceiptItStored()
      throws Exception {
    ObjectNode signed = PartnerReceipts.of("kg").signedMessage(fromKg());
    String id = signed.path("envelope").path("header").path("messageId").asText();
    inbox.expectedMessageCount(1);
    inbox.expectedHeaderReceived("kopirRecipientAgency", "kz-cpc");
    inbox.expectedHeaderReceived("kopirMessageId", id);

    Exchange done = deliver(signed);

    inbox.assertIsSatisfied();
    assertThat(done.getException()).isNull();
    JsonNode receipt = JSON.readTree(done.getMessage().getBody(String.class));
    assertThat(receipt.path("receipt").path("outcome").asText()).isEqualTo("DELIVERED");
    assertThat(receipt.path("receipt").path("messageId").asText()).isEqualTo(id);
    assertThat(receipt.path("receipt").path("node").asText()).isEqualTo("kz");
    assertThat(receipt.path("signature").isObject()).isTrue();
    assertThat(done.getMessage().getBody(String.class)).isEqualTo(ledger.receiptOf(id));
    JsonNode item = JSON.readTree(inbox.getExchanges().get(0).getIn().getBody(String.class));
    assertThat(item.path("signedMessage")).isEqualTo(signed);
    assertThat(eventsOf(id)).containsExactly("border.verified", "inbox.enqueued", "receipt.sent");
  }

  @Test
  void aDeliveryIsOnRecordInTwoCommitsVerifiedWithItsRegistrationThenEnqueued() throws Exception {
    ObjectNode signed = PartnerReceipts.of("kg").signedMessage(fromKg());
    String id = signed.path("envelope").path("header").path("messageId").asText();
    inbox.expectedMessageCount(1);
    long commits = trail.batchesCommitted();

    deliver(signed);

    inbox.assertIsSatisfied();
    assertThat(ON_RECORD_BEFORE_REGISTRATION.get(id)).isEmpty();
    assertThat(trail.batchesCommitted() - commits).isEqualTo(2);
    List<AuditRecord> records = audit.byMessageId(id);
    assertThat(records)
        .extracting(AuditRecord::event)
        .containsExactly("border.verified", "inbox.enqueued", "receipt.sent");
    assertThat(records.get(0).actor()).isEqualTo("node:kg");
    assertThat(records.get(0).detail().path("messageDigest").asText()).hasSize(64);
  }

  @Test
  void anotherMessageUnderAnIdAlreadyDeliveredIsRefusedWithItsVerificationInOneCommit()
      throws Exception {
    ObjectNode first = fromKg();
    String id = Envelopes.messageId(first);
    ObjectNode second = fromKg();
    ((ObjectNode) second.get("header")).put("messageId", id);
    ((ObjectNode) second.get("header")).put("priority", "low");
    inbox.expectedMessageCount(1);
    deliver(PartnerReceipts.of("kg").signedMessage(first));
    long commits = trail.batchesCommitted();

    Exchange refused = operation(PartnerReceipts.of("kg").signedMessage(second));

    inbox.assertIsSatisfied();
    JsonNode receipt = JSON.readTree(refused.getMessage().getBody(String.class));
    assertThat(receipt.path("receipt").path("outcome").asText()).isEqualTo("REFUSED");
    assertThat(receipt.path("receipt").path("reason").asText()).isEqualTo("DUPLICATE_ID");
    assertThat(trail.batchesCommitted() - commits).isEqualTo(1);
    List<AuditRecord> records = audit.byMessageId(id);
    assertThat(records)
        .extracting(AuditRecord::event)
        .containsExactly(
            "border.verified",
            "inbox.enqueued",
            "receipt.sent",
            "border.verified",
            "border.refused");
    assertThat(records.get(4).seq()).isEqualTo(records.get(3).seq() + 1);
  }

  @Test
  void aRepeatGetsTheOriginalReceiptAndTheInboxHoldsTheMessageOnce() throws Exception {
    ObjectNode signed = PartnerReceipts.of("kg").signedMessage(fromKg());
    inbox.expectedMessageCount(1);

    String first = deliver(signed.deepCopy()).getMessage().getBody(String.class);
    String again = deliver(signed.deepCopy()).getMessage().getBody(String.class);

    inbox.assertIsSatisfied();
    assertThat(again).isEqualTo(first);
    assertThat(eventsOf(Envelopes.messageId((ObjectNode) signed.get("envelope"))))
        .containsExactly("border.verified", "inbox.enqueued", "receipt.sent", "border.verified");
  }

  @Test
  void aTamperedMessageIsRefusedBeforeTheInbox() throws Exception {
    ObjectNode signed = PartnerReceipts.of("kg").signedMessage(fromKg());
    ((ObjectNode) signed.path("envelope").path("header")).put("priority", "low");
    inbox.expectedMessageCount(0);

    Exchange done = deliver(signed);

    assertThat(done.getException())
        .isInstanceOfSatisfying(
            KopirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_SIGNATURE));
    inbox.assertIsSatisfied();
  }

  @Test
  void aMessageSignedByAnyoneButThePartnerNodeIsRefused() throws Exception {
    ObjectNode signed = PartnerReceipts.of("kz").signedMessage(fromKg());
    inbox.expectedMessageCount(0);

    Exchange done = deliver(signed);

    assertThat(done.getException()).isInstanceOf(KopirException.class);
    assertThat(((KopirException) done.getException()).code())
        .isIn(ErrorCode.UNTRUSTED_CERTIFICATE, ErrorCode.BAD_SIGNATURE);
    inbox.assertIsSatisfied();
  }

  @Test
  void aDeliveryTheInboxCannotTakeIsAnsweredWithoutAReceiptAndItsRetryLandsOnceWithTheFirstReceipt()
      throws Exception {
    ObjectNode signed = PartnerReceipts.of("kg").signedMessage(fromKg());
    String id = signed.path("envelope").path("header").path("messageId").asText();
    inbox.whenExchangeReceived(
        1,
        exchange -> {
          throw new IllegalStateException("the inbox's broker is gone");
        });
    inbox.expectedMessageCount(2);

    Exchange failed = operation(signed.deepCopy());
    String stored = ledger.receiptOf(id);
    Exchange retried = operation(signed.deepCopy());

    inbox.assertIsSatisfied();
    assertThat(failed.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(500);
    assertThat(failed.getMessage().getHeader(Exchange.CONTENT_TYPE))
        .isEqualTo("application/problem+json");
    JsonNode problem = JSON.readTree(failed.getMessage().getBody(String.class));
    assertThat(problem.path("code").asText()).isEqualTo("INTERNAL_ERROR");
    assertThat(problem.has("receipt")).isFalse();
    JsonNode receipt = JSON.readTree(retried.getMessage().getBody(String.class));
    assertThat(receipt.path("receipt").path("outcome").asText()).isEqualTo("DELIVERED");
    assertThat(receipt.path("receipt").path("messageId").asText()).isEqualTo(id);
    assertThat(retried.getMessage().getBody(String.class)).isEqualTo(stored);
    assertThat(audit.byMessageId(id))
        .extracting(AuditRecord::event, AuditRecord::outcome)
        .containsSubsequence(
            tuple("border.refused", "failed"),
            tuple("inbox.enqueued", "ok"),
            tuple("receipt.sent", "ok"));
  }

  private List<String> eventsOf(String messageId) {
    return audit.byMessageId(messageId).stream().map(AuditRecord::event).toList();
  }

  /** The sample referral as kg-cpd at kg would send it to kz-cpc, pseudonymized. */
  private static ObjectNode fromKg() {
    ObjectNode envelope = Envelopes.referral();
    ObjectNode header = (ObjectNode) envelope.get("header");
    header.putObject("sender").put("country", "KG").put("agency", "kg-cpd");
    header.putObject("recipient").put("country", "KZ").put("agency", "kz-cpc");
    header.remove("caseRef");
    header.put("caseToken", "case.k1.abcdefghijklmnopqrstuvwxyz");
    header.putArray("linkKeys");
    return envelope;
  }

  /** As the SOAP and JMS border routes call it, refusals and failures answered. */
  private Exchange operation(ObjectNode signed) {
    return producer.send(
        "direct:border-operation",
        exchange -> {
          exchange.setProperty("kopirBorderOperation", "DeliverMessage");
          exchange.setProperty(BorderIntake.RECEIVED, signed);
        });
  }

  private Exchange deliver(ObjectNode signed) {
    return producer.send(
        "direct:border-deliver", exchange -> exchange.setProperty(BorderIntake.RECEIVED, signed));
  }
}
