package org.kopir.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.crypto.DevPki;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.NodeProcess;

/**
 * Three node processes of the packaged jar, each with the other two as partners and a fresh
 * development PKI (pseudonym key per partnership), each pair over another border transport: kz to
 * kg over HTTPS, kg to tj over SOAP, tj to kz over JMS through kz's broker. Every referral arrives
 * exactly once, the recipient's acknowledgement comes back to the sender as RETRIEVED, and the
 * three audit chains verify offline.
 */
class ThreeNodeProcessIT {

  private static final int PER_ROUTE = 5;

  @TempDir Path work;
  private final List<NodeProcess> nodes = new ArrayList<>();

  record Route(
      NodeProcess from, String fromAgency, NodeProcess to, String country, String toAgency) {}

  @AfterEach
  void stopNodes() {
    nodes.forEach(NodeProcess::close);
  }

  @Test
  void everyPairOverItsOwnTransportDeliversExactlyOnceAndLearnsOfRetrieval() throws Exception {
    Assumptions.assumeTrue(
        NodeProcess.jarExists(), "needs " + NodeProcess.JAR + ": run through 'mvn verify'");
    Path pki = work.resolve("pki");
    DevPki.generate(pki, DevPki.DEMO, Instant.now(), false);
    NodeProcess kz = node("kz", pki);
    NodeProcess kg = node("kg", pki);
    NodeProcess tj = node("tj", pki);
    kz.partner(kg).partner(tj);
    kg.partner(kz).partner(tj).set("kopir.partners.tj.transport", "soap");
    tj.partner(kz)
        .partner(kg)
        .set("kopir.partners.kz.transport", "jms")
        .set("kopir.partners.kz.jms.broker-url", "tcp://127.0.0.1:" + kz.brokerPort());
    CompletableFuture<NodeProcess> kgStarted = CompletableFuture.supplyAsync(kg::start);
    CompletableFuture<NodeProcess> tjStarted = CompletableFuture.supplyAsync(tj::start);
    kz.start();
    kgStarted.get();
    tjStarted.get();

    List<Route> routes =
        List.of(
            new Route(kz, "kz-cpc", kg, "KG", "kg-cpd"),
            new Route(kz, "kz-almaty-guardianship", tj, "TJ", "tj-cpc"),
            new Route(kg, "kg-cpd", tj, "TJ", "tj-dushanbe-guardianship"),
            new Route(tj, "tj-cpc", kz, "KZ", "kz-cpc"));
    List<List<String>> sent = new ArrayList<>();
    for (Route route : routes) {
      List<String> ids = new ArrayList<>();
      Http sender = route.from().agency(route.fromAgency());
      for (int i = 0; i < PER_ROUTE; i++) {
        ObjectNode envelope =
            Envelopes.referral(
                country(route.from()), route.fromAgency(), route.country(), route.toAgency());
        Http.Answer answer =
            sender.postJson(route.from().localUrl() + "/api/v1/messages", envelope.toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        ids.add(Envelopes.messageId(envelope));
      }
      sent.add(ids);
    }

    for (int r = 0; r < routes.size(); r++) {
      Route route = routes.get(r);
      List<String> ids = sent.get(r);
      Http recipient = route.to().agency(route.toAgency());
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertThat(inbox(route.to(), recipient)).containsAll(ids));
      List<String> inbox = inbox(route.to(), recipient);
      for (String id : ids) {
        assertThat(inbox).as("route %s", route).containsOnlyOnce(id);
        assertThat(
                recipient
                    .post(route.to().localUrl() + "/api/v1/inbox/" + id + "/ack", null, new byte[0])
                    .status())
            .isEqualTo(204);
      }
      Http sender = route.from().agency(route.fromAgency());
      for (String id : ids) {
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () ->
                    assertThat(
                            sender
                                .get(route.from().localUrl() + "/api/v1/messages/" + id)
                                .json()
                                .path("status")
                                .asText())
                        .isEqualTo("RETRIEVED"));
      }
    }

    for (NodeProcess node : List.of(kz, kg, tj)) {
      NodeProcess.CliResult audit = node.exportAndVerifyAudit(work.resolve("audit-" + node.id()));
      assertThat(audit.exitCode()).as(audit.output()).isZero();
    }
  }

  private NodeProcess node(String id, Path pki) {
    NodeProcess node =
        new NodeProcess(id, work.resolve(id), pki)
            .jvmArg("-Xmx384m")
            .set("kopir.audit.checkpoint-interval", "2s")
            .set("kopir.broker.redelivery.initial-delay", "200ms")
            .set("kopir.broker.redelivery.max-delay", "1s")
            .set("kopir.broker.retry.normal.initial-delay", "200ms")
            .set("kopir.broker.retry.normal.max-delay", "1s");
    nodes.add(node);
    return node;
  }

  private static String country(NodeProcess node) {
    return node.id().toUpperCase(java.util.Locale.ROOT);
  }

  private static List<String> inbox(NodeProcess node, Http agency) {
    List<String> ids = new ArrayList<>();
    JsonNode items = agency.get(node.localUrl() + "/api/v1/inbox?limit=100").json().path("items");
    items.forEach(item -> ids.add(item.path("messageId").asText()));
    return ids;
  }
}
