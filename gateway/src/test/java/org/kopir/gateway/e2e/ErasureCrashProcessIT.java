package org.kopir.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.crypto.DevPki;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.NodeProcess;

/**
 * Erasure through a crash (SPEC §13.4): kg holds many closed cases whose retention ran out, is
 * killed with SIGKILL while its retention pass erases them, and resumes after the restart. Every
 * case is erased with exactly one {@code case.erased}, nothing of them is left in the inbox, and
 * the audit trail still verifies offline. Runs in failsafe, after the jar is packaged.
 */
class ErasureCrashProcessIT {

  private static final int CASES = 60;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path work;

  private NodeProcess kz;
  private NodeProcess kg;

  @AfterEach
  void stopNodes() {
    if (kz != null) {
      kz.close();
    }
    if (kg != null) {
      kg.close();
    }
  }

  @Test
  void aNodeKilledWhileErasingResumesWithOneAuditRecordPerCaseAndAVerifiableChain()
      throws Exception {
    Assumptions.assumeTrue(
        NodeProcess.jarExists(),
        "needs " + NodeProcess.JAR + ": run through 'mvn verify' (failsafe runs after package)");
    Path pki = work.resolve("pki");
    DevPki.generate(pki, DevPki.DEMO, Instant.now(), false);
    kz = node("kz", pki);
    kg = node("kg", pki);
    kz.partner(kg);
    kg.partner(kz);
    CompletableFuture<NodeProcess> kgStarted = CompletableFuture.supplyAsync(kg::start);
    kz.start();
    kgStarted.get();
    Http kzCpc = kz.agency("kz-cpc");

    List<String> referrals = submitAll(kzCpc, i -> referral("ER-" + i));
    List<String> closures = submitAll(kzCpc, i -> closure("ER-" + i, referrals.get(i)));
    awaitDelivered(kzCpc, closures);
    List<String> caseTokens = new ArrayList<>();
    for (String referral : referrals) {
      caseTokens.add(
          kzCpc
              .get(kz.localUrl() + "/api/v1/messages/" + referral)
              .json()
              .path("caseToken")
              .asText());
    }

    kg.stop();
    // The first pass starts one interval after the node started, so well after it is ready.
    kg.set("kopir.retention.check-interval", "15s");
    long logBefore = java.nio.file.Files.size(kg.logFile());
    kg.start();
    Http auditor = kg.person("auditor");
    // Polled from the start, so that the request path is warm when the pass begins and the kill
    // follows the first erasure closely even on a loaded machine.
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> erasedCount(auditor) > 0);
    kg.kill();
    Instant killedAt = Instant.now();
    kg.start();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> erasedCount(kg.person("auditor")) >= CASES);

    Map<String, Integer> erasedPerCase = new HashMap<>();
    int beforeKill = 0;
    for (JsonNode record : erased(kg.person("auditor"))) {
      erasedPerCase.merge(record.path("caseToken").asText(), 1, Integer::sum);
      if (Instant.parse(record.path("time").asText()).isBefore(killedAt)) {
        beforeKill++;
      }
    }
    NodeProcess.CliResult audit = kg.exportAndVerifyAudit(work.resolve("audit"));
    System.out.printf(
        "erasure crash test: %d cases, %d erased before kg was killed, %d after its restart%n",
        CASES, beforeKill, erasedPerCase.size() - beforeKill);
    logSince(kg, logBefore)
        .lines()
        .filter(line -> line.contains("Retention pass"))
        .forEach(line -> System.out.println("erasure crash test: kg " + line));
    assertThat(beforeKill)
        .as("kg was killed in the middle of its erasures")
        .isBetween(1, CASES - 1);
    assertThat(erasedPerCase.keySet()).containsExactlyInAnyOrderElementsOf(caseTokens);
    assertThat(erasedPerCase.values()).allMatch(count -> count == 1);
    assertThat(audit.exitCode()).as(audit.output()).isZero();
    JsonNode inbox = kg.agency("kg-cpd").get(kg.localUrl() + "/api/v1/inbox?limit=100").json();
    assertThat(inbox.path("items")).isEmpty();
    Http operator = kg.person("operator");
    for (String token : List.of(caseTokens.get(0), caseTokens.get(CASES - 1))) {
      assertThat(
              operator
                  .get(kg.localUrl() + "/api/v1/cases/" + token)
                  .json()
                  .path("erasedAt")
                  .isTextual())
          .isTrue();
    }
  }

  private NodeProcess node(String id, Path pki) {
    return new NodeProcess(id, work.resolve(id), pki)
        .jvmArg("-Xmx512m")
        .set("kopir.retention.after-closure", "PT1M")
        .set("kopir.retention.check-interval", "1h")
        .set("kopir.audit.checkpoint-interval", "2s");
  }

  private static ObjectNode referral(String caseRef) {
    ObjectNode envelope = Envelopes.referral();
    ((ObjectNode) envelope.get("header")).put("caseRef", caseRef);
    return envelope;
  }

  private static ObjectNode closure(String caseRef, String referral) {
    ObjectNode envelope =
        Envelopes.example("case.closure", "KZ", "kz-cpc", "KG", "kg-cpd", caseRef, referral);
    ((ObjectNode) envelope.get("payload"))
        .put("closedOn", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
    return envelope;
  }

  private List<String> submitAll(Http agency, java.util.function.IntFunction<ObjectNode> envelope)
      throws Exception {
    ExecutorService submitters = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> ids = new ArrayList<>();
      for (int i = 0; i < CASES; i++) {
        ObjectNode body = envelope.apply(i);
        ids.add(
            submitters.submit(
                () -> {
                  Http.Answer answer =
                      agency.postJson(kz.localUrl() + "/api/v1/messages", body.toString());
                  assertThat(answer.status()).as(answer.body()).isEqualTo(202);
                  return Envelopes.messageId(body);
                }));
      }
      List<String> result = new ArrayList<>();
      for (Future<String> id : ids) {
        result.add(id.get());
      }
      awaitDelivered(agency, result);
      return result;
    } finally {
      submitters.shutdownNow();
    }
  }

  private void awaitDelivered(Http agency, List<String> ids) {
    for (String id : ids) {
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  agency
                      .get(kz.localUrl() + "/api/v1/messages/" + id)
                      .json()
                      .path("status")
                      .asText()
                      .equals("DELIVERED"));
    }
  }

  private int erasedCount(Http auditor) {
    Http.Answer page =
        auditor.get(kg.localUrl() + "/api/v1/audit/records?event=case.erased&size=1");
    return page.status() == 200 ? page.json().path("totalElements").asInt() : -1;
  }

  private List<JsonNode> erased(Http auditor) throws Exception {
    List<JsonNode> records = new ArrayList<>();
    for (String line : auditor.get(kg.localUrl() + "/api/v1/audit/export").body().split("\n")) {
      if (!line.isBlank()) {
        JsonNode record = MAPPER.readTree(line);
        if ("case.erased".equals(record.path("event").asText())) {
          records.add(record);
        }
      }
    }
    return records;
  }

  private static String logSince(NodeProcess node, long offset) throws java.io.IOException {
    byte[] all = java.nio.file.Files.readAllBytes(node.logFile());
    return new String(
        all,
        (int) Math.min(offset, all.length),
        (int) Math.max(0, all.length - offset),
        java.nio.charset.StandardCharsets.UTF_8);
  }
}
