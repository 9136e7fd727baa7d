package org.kopir.gateway.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditRecord;
import org.kopir.gateway.audit.AuditStore;
import org.kopir.gateway.testsupport.ConsoleClient;
import org.kopir.gateway.testsupport.DemoPki;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.TestNode;

/**
 * The case lifecycle between two nodes (SPEC §13): consent withdrawn or narrowed at one node holds
 * back later messages at both, a vital-interest override passes and is audited, lifecycle messages
 * about cases the node does not hold or from agencies outside the case are refused, and a closure
 * with a retention of one minute erases the case at both nodes while both audit chains verify.
 */
class CaseLifecycleIT {

  @TempDir static Path data;
  static TestNode kz;
  static TestNode kg;
  static Http kzCpc;
  static Http kzAlmaty;
  static Http kgCpd;

  @BeforeAll
  static void startNodes() {
    kz = new TestNode("kz", data.resolve("kz"));
    kg = new TestNode("kg", data.resolve("kg"));
    kz.partner(kg);
    kg.partner(kz);
    for (TestNode node : List.of(kz, kg)) {
      node.set("kopir.retention.after-closure", "PT1M")
          .set("kopir.retention.check-interval", "500ms")
          .set("kopir.retention.erase-request-grace", "1s");
    }
    kg.start();
    kz.start();
    kzCpc = kz.agency("kz-cpc");
    kzAlmaty = kz.agency("kz-almaty-guardianship");
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
  void withdrawalAtKzHoldsBackALaterReferralAtKzAndAResponseFromKgAlsoAfterARestart() {
    String referral = deliveredReferral("LC-W-1");
    ObjectNode withdrawal = withdrawal("LC-W-1", referral);

    String withdrawalId = deliver(kz, kzCpc, withdrawal);
    kz.stop();
    kz.start();

    assertProblem(submit(kz, kzCpc, referral("LC-W-1")), 422, "CONSENT_WITHDRAWN");
    assertProblem(submit(kg, kgCpd, response("KG-LC-W-1", referral)), 422, "CONSENT_WITHDRAWN");
    JsonNode status = kzCpc.get(kz.localUrl() + "/api/v1/messages/" + withdrawalId).json();
    assertThat(status.path("case").path("consent").asText()).isEqualTo("withdrawn");
    assertThat(events(status)).contains("case.consent-changed");
    assertThat(eventsOf(kg, withdrawalId)).contains("case.consent-changed");
    ConsoleClient console = ConsoleClient.browser(kz.localUrl(), DemoPki.ca("kz"));
    console.signIn("auditor", "auditor-dev");
    ConsoleClient.Page casePage =
        console.get("/console/cases/" + status.path("caseToken").asText());
    assertThat(casePage.status()).isEqualTo(200);
    assertThat(casePage.body()).contains("Consent and retention", "<dd>withdrawn</dd>");
  }

  @Test
  void aVitalInterestOverridePassesAWithdrawnConsentAndIsAuditedAtBothNodes() {
    String referral = deliveredReferral("LC-V-1");
    deliver(kz, kzCpc, withdrawal("LC-V-1", referral));
    ObjectNode urgent = referral("LC-V-1");
    ((ObjectNode) urgent.get("header")).put("legalBasis", "vital-interest");
    ObjectNode consent = ((ObjectNode) urgent.get("payload")).putObject("consent");
    consent.put("status", "withdrawn").put("informationWithheld", false);
    consent
        .putObject("supervisorOverride")
        .put("recorded", true)
        .put("date", LocalDate.now(ZoneOffset.UTC).toString())
        .put("approverRole", "Head of the guardianship department")
        .put("reason", "risk-to-life");

    String id = deliver(kz, kzCpc, urgent);

    assertThat(eventsOf(kz, id)).contains("consent.overridden");
    assertThat(eventsOf(kg, id)).contains("consent.overridden");
    AuditRecord override =
        kz.bean(AuditStore.class).byMessageId(id).stream()
            .filter(r -> r.event().equals("consent.overridden"))
            .findFirst()
            .orElseThrow();
    assertThat(override.detail().path("overrideReason").asText()).isEqualTo("risk-to-life");
    assertThat(override.detail().path("consent").asText()).isEqualTo("withdrawn");
  }

  @Test
  void narrowedConsentRefusesPurposesOutsideItsScopeAndANarrowingOfWithdrawnConsentConflicts() {
    String referral = deliveredReferral("LC-N-1");
    ObjectNode narrowing = lifecycle("consent.update", "LC-N-1", referral);
    deliver(kz, kzCpc, narrowing);

    assertProblem(submit(kz, kzCpc, referral("LC-N-1")), 422, "PURPOSE_LIMITATION");
    ObjectNode tracing = referral("LC-N-1");
    ((ObjectNode) tracing.get("header")).put("purpose", "tracing");
    ((ObjectNode) tracing.get("payload")).put("kind", "tracing");
    deliver(kz, kzCpc, tracing);

    ObjectNode widening = lifecycle("consent.update", "LC-N-1", referral);
    ((ObjectNode) widening.path("payload").path("consent"))
        .putArray("scope")
        .add("tracing")
        .add("services");
    assertProblem(submit(kz, kzCpc, widening), 409, "CONSENT_CONFLICT");
    deliver(kz, kzCpc, withdrawal("LC-N-1", referral));
    assertProblem(
        submit(kz, kzCpc, lifecycle("consent.update", "LC-N-1", referral)),
        409,
        "CONSENT_CONFLICT");
  }

  @Test
  void lifecycleMessagesAboutAnUnknownCaseOrFromAnAgencyOutsideTheCaseAreRefused() {
    assertProblem(
        submit(kz, kzCpc, withdrawal("LC-U-1", java.util.UUID.randomUUID().toString())),
        422,
        "UNKNOWN_CASE");
    assertProblem(
        submit(
            kz, kzCpc, lifecycle("case.closure", "LC-U-2", java.util.UUID.randomUUID().toString())),
        422,
        "UNKNOWN_CASE");
    String referral = deliveredReferral("LC-P-1");
    ObjectNode fromOther =
        Envelopes.example(
            "consent.update", "KZ", "kz-almaty-guardianship", "KG", "kg-cpd", "LC-P-1", referral);

    assertProblem(submit(kz, kzAlmaty, fromOther), 403, "NOT_CASE_PARTY");
    assertThat(kzCpc.get(kz.localUrl() + "/api/v1/messages/" + referral).status()).isEqualTo(200);
  }

  @Test
  void closureWithARetentionOfOneMinuteErasesTheCaseAtBothNodesAndBothChainsStillVerify() {
    String referral = deliveredReferral("LC-C-1");
    String caseToken =
        kzCpc.get(kz.localUrl() + "/api/v1/messages/" + referral).json().path("caseToken").asText();
    String response = deliver(kg, kgCpd, response("KG-LC-C-1", referral));
    ObjectNode closure = lifecycle("case.closure", "LC-C-1", referral);
    ((ObjectNode) closure.get("payload"))
        .put("closedOn", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());

    String closureId = submitAccepted(kz, kzCpc, closure);

    Http operator = kz.person("operator");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(kzCpc.get(kz.localUrl() + "/api/v1/messages/" + referral).status())
                  .isEqualTo(404);
              assertThat(
                      operator
                          .get(kz.localUrl() + "/api/v1/cases/" + caseToken)
                          .json()
                          .path("erasedAt")
                          .isTextual())
                  .isTrue();
              assertThat(erased(kg, caseToken)).isNotEmpty();
            });
    assertThat(kzCpc.get(kz.localUrl() + "/api/v1/messages/" + closureId).status()).isEqualTo(404);
    assertThat(ids(kgCpd.get(kg.localUrl() + "/api/v1/inbox").json()))
        .doesNotContain(referral, closureId);
    assertThat(ids(kzCpc.get(kz.localUrl() + "/api/v1/inbox").json())).doesNotContain(response);
    AuditRecord atKz = erased(kz, caseToken).get(0);
    assertThat(atKz.detail().path("messagesSent").asInt()).isEqualTo(2);
    assertThat(atKz.detail().path("messagesReceived").asInt()).isEqualTo(1);
    assertThat(atKz.detail().path("inboxItems").asInt()).isEqualTo(1);
    assertThat(atKz.detail().path("reason").asText()).isEqualTo("retention");
    AuditRecord atKg = erased(kg, caseToken).get(0);
    assertThat(atKg.detail().path("messagesSent").asInt()).isEqualTo(1);
    assertThat(atKg.detail().path("messagesReceived").asInt()).isEqualTo(2);
    assertThat(atKg.detail().path("linkKeys").asInt()).isPositive();
    for (TestNode node : List.of(kz, kg)) {
      JsonNode verify = node.person("auditor").get(node.localUrl() + "/api/v1/audit/verify").json();
      assertThat(verify.path("status").asText()).isEqualTo("verified");
      assertThat(erased(node, caseToken)).hasSize(1);
    }
    assertProblem(submit(kz, kzCpc, referral("LC-C-1")), 409, "CASE_CLOSED");
    ConsoleClient console = ConsoleClient.browser(kg.localUrl(), DemoPki.ca("kg"));
    console.signIn("auditor", "auditor-dev");
    ConsoleClient.Page casePage = console.get("/console/cases/" + caseToken);
    assertThat(casePage.status()).isEqualTo(200);
    assertThat(casePage.body()).contains("retention").doesNotContain("not erased");
  }

  @Test
  void anOperatorErasesACaseEarlyWithAStatedReason() {
    String referral = deliveredReferral("LC-E-1");
    String caseToken =
        kzCpc.get(kz.localUrl() + "/api/v1/messages/" + referral).json().path("caseToken").asText();
    Http operator = kz.person("operator");
    String url = kz.localUrl() + "/api/v1/cases/" + caseToken + "/erasure";

    assertProblem(operator.postJson(url, "{\"reason\":\"because\"}"), 400, "INVALID_PARAMETER");
    assertThat(kz.person("auditor").postJson(url, "{\"reason\":\"court-order\"}").status())
        .isEqualTo(403);
    Http.Answer ordered = operator.postJson(url, "{\"reason\":\"court-order\"}");
    assertThat(ordered.status()).as(ordered.body()).isEqualTo(202);
    String notice = ordered.json().path("notices").get(0).asText();
    assertThat(UUID.fromString(notice).version()).as("SPEC §2.1 recommends version 7").isEqualTo(7);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(erased(kz, caseToken)).hasSize(1);
              assertThat(erased(kg, caseToken)).hasSize(1);
            });
    AuditRecord requestedAtKg =
        kg.bean(AuditStore.class).byMessageId(notice).stream()
            .filter(r -> r.event().equals("case.erasure-requested"))
            .findFirst()
            .orElseThrow();
    assertThat(requestedAtKg.detail().path("reason").asText()).isEqualTo("court-order");
    assertThat(erased(kg, caseToken).get(0).detail().path("reason").asText())
        .isEqualTo("case.erasure:court-order");
    assertThat(ids(kgCpd.get(kg.localUrl() + "/api/v1/inbox").json()))
        .doesNotContain(referral, notice);
    assertThat(eventsOf(kz, notice)).contains("message.signed", "message.queued");
    assertThat(erased(kz, caseToken).get(0).detail().path("reason").asText())
        .isEqualTo("operator:court-order");
    assertThat(
            kz.bean(AuditStore.class)
                .byCaseToken(caseToken, AuditEvent.CASE_ERASURE_REQUESTED)
                .get(0)
                .actor())
        .isEqualTo("user:operator");
    assertThat(kzCpc.get(kz.localUrl() + "/api/v1/messages/" + referral).status()).isEqualTo(404);
  }

  private static ObjectNode referral(String caseRef) {
    ObjectNode envelope = Envelopes.referral();
    ((ObjectNode) envelope.get("header")).put("caseRef", caseRef);
    return envelope;
  }

  private static String deliveredReferral(String caseRef) {
    return deliver(kz, kzCpc, referral(caseRef));
  }

  private static ObjectNode response(String caseRef, String referral) {
    return Envelopes.example(
        "referral.response", "KG", "kg-cpd", "KZ", "kz-cpc", caseRef, referral);
  }

  private static ObjectNode lifecycle(String type, String caseRef, String correlationId) {
    ObjectNode envelope =
        Envelopes.example(type, "KZ", "kz-cpc", "KG", "kg-cpd", caseRef, correlationId);
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    ObjectNode payload = (ObjectNode) envelope.get("payload");
    if (type.equals("consent.update")) {
      payload.put("effectiveDate", today);
      ((ObjectNode) payload.get("consent")).put("date", today);
    } else {
      payload.put("closedOn", today);
    }
    return envelope;
  }

  private static ObjectNode withdrawal(String caseRef, String correlationId) {
    ObjectNode envelope = lifecycle("consent.update", caseRef, correlationId);
    ObjectNode payload = (ObjectNode) envelope.get("payload");
    payload.put("change", "withdrawal").put("requestedAction", "stop-processing");
    payload.putObject("consent").put("status", "withdrawn").put("informationWithheld", false);
    return envelope;
  }

  private static Http.Answer submit(TestNode node, Http agency, ObjectNode envelope) {
    return agency.postJson(node.localUrl() + "/api/v1/messages", envelope.toString());
  }

  private static String submitAccepted(TestNode node, Http agency, ObjectNode envelope) {
    Http.Answer answer = submit(node, agency, envelope);
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    return Envelopes.messageId(envelope);
  }

  private static String deliver(TestNode node, Http agency, ObjectNode envelope) {
    String id = submitAccepted(node, agency, envelope);
    node.awaitStatus(agency, id, "DELIVERED");
    return id;
  }

  private static List<String> events(JsonNode status) {
    List<String> events = new ArrayList<>();
    status.path("timeline").forEach(entry -> events.add(entry.path("event").asText()));
    return events;
  }

  private static List<String> eventsOf(TestNode node, String messageId) {
    return node.bean(AuditStore.class).byMessageId(messageId).stream()
        .map(AuditRecord::event)
        .toList();
  }

  private static List<AuditRecord> erased(TestNode node, String caseToken) {
    return node.bean(AuditStore.class).byCaseToken(caseToken, AuditEvent.CASE_ERASED);
  }

  private static List<String> ids(JsonNode items) {
    List<String> ids = new ArrayList<>();
    (items.isArray() ? items : items.path("items"))
        .forEach(item -> ids.add(item.path("messageId").asText()));
    return ids;
  }

  private static void assertProblem(Http.Answer answer, int status, String code) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.json().path("code").asText()).as(answer.body()).isEqualTo(code);
  }
}
