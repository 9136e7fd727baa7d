package org.kopir.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kopir.gateway.testsupport.DemoPki;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.TestNode;
import org.kopir.gateway.validation.HostileInputCorpusTest;

/**
 * Both nodes in one JVM, on TLS with a throw-away PKI: a message travels from an agency at kz to an
 * agency inbox at kg, exactly once, and survives restarts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeExchangeIT {

  @TempDir static Path data;
  static TestNode kz;
  static TestNode kg;
  static Http kzCpc;
  static Http kgCpd;

  @BeforeAll
  static void startNodes() {
    kz = new TestNode("kz", data.resolve("kz"));
    kg = new TestNode("kg", data.resolve("kg"));
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
  void submittedReferralReachesTheRecipientInboxExactlyOnceWithItsSignature() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);

    Http.Answer accepted = submit(envelope);

    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.json().path("messageId").asText()).isEqualTo(id);
    assertThat(accepted.raw().headers().firstValue("Location")).hasValue("/api/v1/messages/" + id);
    awaitStatus(id, "DELIVERED");
    List<JsonNode> items = inbox(kgCpd);
    assertThat(ids(items)).containsOnlyOnce(id);
    JsonNode item =
        items.stream()
            .filter(i -> id.equals(i.path("messageId").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(item.path("signedMessage").path("signature").path("format").asText())
        .isEqualTo("cms-detached-v1");
    assertThat(item.path("signedMessage").path("envelope").path("header").has("caseRef")).isFalse();
    assertThat(
            item.path("signedMessage").path("envelope").path("header").path("caseToken").asText())
        .startsWith("case.k1.");
  }

  @Test
  @Order(2)
  void resubmittingTheSameMessageIsIdempotent() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    submit(envelope);
    awaitStatus(id, "DELIVERED");

    Http.Answer again = submit(envelope);

    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().path("messageId").asText()).isEqualTo(id);
    assertThat(ids(inbox(kgCpd))).containsOnlyOnce(id);
  }

  @Test
  @Order(3)
  void otherContentUnderAnAcceptedIdIsRefusedAsDuplicate() {
    ObjectNode envelope = Envelopes.referral();
    submit(envelope);
    ((ObjectNode) envelope.get("header")).put("priority", "low");

    Http.Answer conflict = submit(envelope);

    assertProblem(conflict, 409, "DUPLICATE_ID");
    assertThat(conflict.raw().headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  @Order(4)
  void acknowledgedItemLeavesTheInboxAndTheSenderLearnsItWasRetrieved() {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);
    submit(envelope);
    awaitStatus(id, "DELIVERED");

    Http.Answer ack = kgCpd.post(kg.localUrl() + "/api/v1/inbox/" + id + "/ack", null, new byte[0]);

    assertThat(ack.status()).isEqualTo(204);
    assertThat(ids(inbox(kgCpd))).doesNotContain(id);
    assertThat(
            kgCpd.post(kg.localUrl() + "/api/v1/inbox/" + id + "/ack", null, new byte[0]).status())
        .isEqualTo(404);
    awaitStatus(id, "RETRIEVED");
  }

  @Test
  @Order(5)
  void revealAtDeliveryAgencyGetsTheIdentityAndAnEndToEndAgencyOnlyTheSealedBlock() {
    ObjectNode toCpd = Envelopes.referral();
    ObjectNode toGuardianship = Envelopes.referral();
    ((ObjectNode) toGuardianship.path("header").path("recipient"))
        .put("agency", "kg-bishkek-guardianship");
    submit(toCpd);
    submit(toGuardianship);
    awaitStatus(Envelopes.messageId(toCpd), "DELIVERED");
    awaitStatus(Envelopes.messageId(toGuardianship), "DELIVERED");

    JsonNode revealed = item(inbox(kgCpd), Envelopes.messageId(toCpd));
    JsonNode sealed =
        item(inbox(kg.agency("kg-bishkek-guardianship")), Envelopes.messageId(toGuardianship));

    assertThat(revealed.path("revealedPayload").path("child").path("dateOfBirth").asText())
        .isEqualTo("2015-03-02");
    assertThat(revealed.toString()).contains("Айгерім");
    assertThat(sealed.has("revealedPayload")).isFalse();
    assertThat(
            sealed
                .path("signedMessage")
                .path("envelope")
                .path("protected")
                .path("recipient")
                .asText())
        .isEqualTo("kg-bishkek-guardianship");
    assertThat(sealed.toString()).doesNotContain("Айгерім").doesNotContain("150302600126");
  }

  @Test
  @Order(6)
  void agenciesAreAuthenticatedByCertificateAndMustBeTheSender() {
    ObjectNode envelope = Envelopes.referral();

    assertProblem(
        kz.anonymous().postJson(kz.localUrl() + "/api/v1/messages", envelope.toString()),
        401,
        "NOT_AUTHENTICATED");
    assertProblem(
        kz.agency("kz-almaty-guardianship")
            .postJson(kz.localUrl() + "/api/v1/messages", envelope.toString()),
        403,
        "SENDER_MISMATCH");
    assertProblem(kz.person("auditor").get(kz.localUrl() + "/api/v1/inbox"), 403, "NOT_AUTHORIZED");
  }

  @Test
  @Order(7)
  void theBorderAcceptsOnlyThePartnerNode() {
    Http partnerAgency = Http.agency(DemoPki.agency("kz", "kz-cpc"), DemoPki.ca("kg"));

    assertProblem(
        partnerAgency.postJson(kg.borderUrl() + "/border/v1/messages", "{}"),
        403,
        "UNTRUSTED_CERTIFICATE");
    assertThatThrownBy(() -> kg.anonymous().postJson(kg.borderUrl() + "/border/v1/messages", "{}"))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(kgCpd.postJson(kg.localUrl() + "/border/v1/messages", "{}").status()).isEqualTo(404);
  }

  @Test
  @Order(8)
  void hostileRequestsGetClearFourHundredsNeverAServerError() {
    String url = kz.localUrl() + "/api/v1/messages";
    byte[] twoMegabytes = new byte[2 * 1024 * 1024];
    Arrays.fill(twoMegabytes, (byte) ' ');

    assertProblem(kzCpc.post(url, "application/json", twoMegabytes), 413, "PAYLOAD_TOO_LARGE");
    assertProblem(kzCpc.post(url, "text/plain", "{}".getBytes()), 415, "UNSUPPORTED_MEDIA_TYPE");
    assertProblem(kzCpc.post(url, null, "{}".getBytes()), 415, "UNSUPPORTED_MEDIA_TYPE");
    assertProblem(kzCpc.post(url, "application/json", new byte[0]), 400, "MALFORMED_JSON");
    assertProblem(
        kzCpc.post(url, "application/json", ("[".repeat(5000) + "]".repeat(5000)).getBytes()),
        400,
        "MALFORMED_JSON");
    assertProblem(
        kzCpc.post(url, "application/json", new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}),
        400,
        "MALFORMED_JSON");
    ObjectNode schemaBreaking = Envelopes.referral();
    ((ObjectNode) schemaBreaking.get("payload")).put("unexpected", 1);
    Http.Answer violation = kzCpc.postJson(url, schemaBreaking.toString());
    assertProblem(violation, 422, "SCHEMA_VIOLATION");
    assertThat(violation.json().path("errors").toString()).contains("/payload");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.kopir.gateway.validation.HostileInputCorpusTest#corpus")
  @Order(8)
  void everyCorpusDocumentIsRefusedOverHttpsWithItsCode(HostileInputCorpusTest.CorpusCase sample) {
    TestNode node = "kg".equals(sample.node()) ? kg : kz;
    Http agency = node == kg ? kgCpd : kzCpc;

    Http.Answer answer =
        agency.post(node.localUrl() + "/api/v1/messages", sample.contentType(), sample.body());

    assertThat(answer.status()).isBetween(400, 499);
    assertThat(answer.json().path("code").asText()).isEqualTo(sample.code().name());
  }

  @Test
  @Order(9)
  void operatorsSeeReadinessAndCountersAndAuditorsAVerifiedTrail() {
    assertThat(kz.anonymous().get(kz.localUrl() + "/actuator/health/readiness").status())
        .isEqualTo(200);
    assertThat(kz.person("operator").get(kz.localUrl() + "/actuator/prometheus").body())
        .contains("kopir_messages_accepted_total{")
        .contains("type=\"referral.request\"")
        .contains("kopir_messages_refused_total{")
        .contains("kopir_audit_commits_total{")
        .contains("kopir_audit_appends_total{")
        // The embedded H2 store's compaction and syncs (embeddeddb.EmbeddedDatabaseConfiguration).
        .contains("kopir_embedded_database_file_bytes{")
        .contains("kopir_embedded_database_fill_percent{")
        .contains("kopir_embedded_database_sync_seconds_count{")
        // No timer around every security filter of every request (SecurityConfiguration).
        .doesNotContain("spring_security_");
    assertThat(kz.anonymous().get(kz.localUrl() + "/actuator/prometheus").status()).isEqualTo(401);
    JsonNode apiDocs = kz.anonymous().get(kz.localUrl() + "/v3/api-docs").json();
    assertThat(apiDocs.path("openapi").asText()).startsWith("3.");
    assertThat(apiDocs.path("paths").has("/api/v1/messages")).isTrue();
    assertThat(apiDocs.path("paths").has("/api/v1/dead-letters/{messageId}/replay")).isTrue();
    for (TestNode node : List.of(kz, kg)) {
      JsonNode verify = node.person("auditor").get(node.localUrl() + "/api/v1/audit/verify").json();
      assertThat(verify.path("status").asText()).isEqualTo("verified");
      assertThat(verify.path("verifiedThroughSeq").asLong()).isPositive();
    }
  }

  @Test
  @Order(9)
  void anAuditorsExportVerifiesOfflineAndAOneByteChangeIsFoundAtItsSeq() throws Exception {
    Http auditor = kg.person("auditor");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !auditor.get(kg.localUrl() + "/api/v1/audit/checkpoints").body().isBlank());
    Path records = data.resolve("kg-records.jsonl");
    Path checkpoints = data.resolve("kg-checkpoints.jsonl");
    // Checkpoints first: one signed after the records were read would name a seq beyond them.
    java.nio.file.Files.writeString(
        checkpoints, auditor.get(kg.localUrl() + "/api/v1/audit/checkpoints").body());
    java.nio.file.Files.writeString(
        records, auditor.get(kg.localUrl() + "/api/v1/audit/export").body());
    String ca = DemoPki.ca("kg").toString();

    assertThat(verifyOffline(records, checkpoints, ca).exitCode()).isZero();

    List<String> lines = java.nio.file.Files.readAllLines(records);
    int tampered = lines.size() / 2;
    lines.set(
        tampered, lines.get(tampered).replaceFirst("\"outcome\":\"ok\"", "\"outcome\":\"ko\""));
    java.nio.file.Files.write(records, lines);
    long seq =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(lines.get(tampered))
            .path("seq")
            .asLong();
    OfflineVerification failed = verifyOffline(records, checkpoints, ca);

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.output()).contains("seq " + seq);
  }

  private record OfflineVerification(int exitCode, String output) {}

  private static OfflineVerification verifyOffline(Path records, Path checkpoints, String ca) {
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine command = new picocli.CommandLine(new org.kopir.gateway.cli.KopirCommand());
    command.setOut(new java.io.PrintWriter(out));
    command.setErr(new java.io.PrintWriter(out));
    int exit =
        command.execute(
            "audit",
            "verify",
            "--records",
            records.toString(),
            "--checkpoints",
            checkpoints.toString(),
            "--ca",
            ca);
    return new OfflineVerification(exit, out.toString());
  }

  @Test
  @Order(10)
  void restartedNodesLoseNothingTheyAccepted() {
    kg.stop();
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ObjectNode envelope = Envelopes.referral();
      sent.add(Envelopes.messageId(envelope));
      assertThat(submit(envelope).status()).isEqualTo(202);
    }
    kz.stop();

    kz.start();
    kg.start();

    for (String id : sent) {
      awaitStatus(id, "DELIVERED");
    }
    List<String> inbox = ids(inbox(kgCpd));
    for (String id : sent) {
      assertThat(inbox).containsOnlyOnce(id);
    }
  }

  private static Http.Answer submit(ObjectNode envelope) {
    return kzCpc.postJson(kz.localUrl() + "/api/v1/messages", envelope.toString());
  }

  private static void assertProblem(Http.Answer answer, int status, String code) {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.json().path("code").asText()).isEqualTo(code);
  }

  private static void awaitStatus(String id, String status) {
    kz.awaitStatus(kzCpc, id, status);
  }

  private static List<JsonNode> inbox(Http agency) {
    List<JsonNode> items = new ArrayList<>();
    agency.get(kg.localUrl() + "/api/v1/inbox?limit=100").json().path("items").forEach(items::add);
    return items;
  }

  private static JsonNode item(List<JsonNode> items, String id) {
    return items.stream()
        .filter(item -> id.equals(item.path("messageId").asText()))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> ids(List<JsonNode> items) {
    return items.stream().map(item -> item.path("messageId").asText()).toList();
  }
}
