package org.kopir.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.audit.AuditQuery;
import org.kopir.gateway.audit.AuditQueryService;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.TestNode;

/**
 * The example channel {@code routes/examples/file-drop-intake.camel.yaml}, switched on by
 * configuration only, takes a referral from a dropped file to the partner's inbox and writes a
 * refusal beside the refused file.
 */
class FileDropExampleIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path data;
  static Path drop;
  static TestNode kz;
  static TestNode kg;

  @BeforeAll
  static void startNodes() throws IOException {
    drop = Files.createDirectories(data.resolve("drop"));
    kz = new TestNode("kz", data.resolve("kz"));
    kg = new TestNode("kg", data.resolve("kg"));
    kz.partner(kg)
        .set(
            "camel.main.routes-include-pattern",
            "classpath:kopir/routes/*.camel.yaml,file:routes/examples/file-drop-intake.camel.yaml")
        .set("kopir.examples.file-drop.dir", drop.toString())
        .set("kopir.examples.file-drop.agency", "kz-cpc");
    kg.partner(kz);
    kg.start();
    kz.start();
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
  void aDroppedReferralReachesThePartnersInboxAndItsAnswerIsWrittenBesideIt() throws Exception {
    ObjectNode envelope = Envelopes.referral();
    String id = Envelopes.messageId(envelope);

    dropFile("referral-1", envelope.toString());

    Path answer = drop.resolve(".accepted/referral-1.answer.json");
    Path moved = drop.resolve(".accepted/referral-1.json");
    // The answer is written inside the route; the file moves only once the route has completed.
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(answer) && Files.exists(moved));
    assertThat(Files.exists(drop.resolve("referral-1.json"))).isFalse();
    JsonNode accepted = JSON.readTree(answer.toFile());
    assertThat(accepted.path("messageId").asText()).isEqualTo(id);
    assertThat(accepted.path("status").asText()).isEqualTo("QUEUED");
    Http kgCpd = kg.agency("kg-cpd");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(kgCpd.get(kg.localUrl() + "/api/v1/inbox").json().toString())
                    .contains(id));
  }

  @Test
  void aRefusedFileMovesAsideWithItsProblemAndTheRefusalIsAudited() throws Exception {
    dropFile("broken", "{\"header\": [1,");

    Path problem = drop.resolve(".refused/broken.problem.json");
    Path moved = drop.resolve(".refused/broken.json");
    // The problem is written inside the route; the file moves only once the route has completed.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.exists(problem) && Files.exists(moved));
    assertThat(JSON.readTree(problem.toFile()).path("code").asText()).isEqualTo("MALFORMED_JSON");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        kz.bean(AuditQueryService.class)
                            .search(
                                new AuditQuery(null, null, null, "message.rejected", null, null),
                                0,
                                AuditQueryService.MAX_PAGE_SIZE)
                            .records())
                    .anySatisfy(
                        record -> {
                          assertThat(record.detail().path("channel").asText())
                              .isEqualTo("file-drop-intake");
                          assertThat(record.detail().path("code").asText())
                              .isEqualTo("MALFORMED_JSON");
                          assertThat(record.actor()).isEqualTo("agency:kz-cpc");
                        }));
  }

  /** As the agency system does it: written under a temporary name, then renamed. */
  private static void dropFile(String name, String content) throws IOException {
    Path part = drop.resolve(name + ".json.part");
    Files.writeString(part, content, StandardCharsets.UTF_8);
    Files.move(part, drop.resolve(name + ".json"));
  }
}
