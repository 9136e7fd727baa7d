package org.kopir.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kopir.gateway.testsupport.NodeProcess.sleep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.testsupport.Deliveries;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.NodeProcess;
import org.kopir.gateway.testsupport.ProductionSetup;
import org.kopir.gateway.testsupport.StandaloneBroker;
import org.kopir.gateway.testsupport.TcpBalancer;

/**
 * High availability, run for real: kz as two replicas (processes on their own ports) sharing one
 * PostgreSQL database and a replicated Artemis primary/backup pair, kg as one node whose partner
 * URL for kz is a TCP load balancer in front of both replicas.
 *
 * <p>The same referral submitted to both replicas at the same moment is accepted once and answered
 * alike. Then a burst of referrals is spread over both replicas, and in its middle the replica that
 * runs the periodic jobs and the primary broker are killed with SIGKILL at the same moment. Every
 * accepted referral must reach kg's inbox exactly once, kz must see the receipts, the jobs must
 * move to the surviving replica, and kz's one audit chain must verify with the offline CLI.
 */
class HighAvailabilityProcessIT {

  private static final int REFERRALS = Integer.getInteger("kopir.high-availability.messages", 90);
  private static final int SIMULTANEOUS = 4;
  private static final Duration SUBMIT_DEADLINE = Duration.ofMinutes(5);
  private static final Duration DRAIN_DEADLINE = Duration.ofMinutes(4);
  private static final List<String> KZ_AGENCIES = List.of("kz-cpc", "kz-almaty-guardianship");
  private static final List<String> KG_AGENCIES = List.of("kg-cpd", "kg-bishkek-guardianship");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path work;

  private ProductionSetup setup;
  private NodeProcess kz1;
  private NodeProcess kz2;
  private NodeProcess kg;

  /** Accepted message ids with the agency that sent each. */
  private final Map<String, String> accepted = new ConcurrentHashMap<>();

  private final Map<String, String> refused = new ConcurrentHashMap<>();

  /** Threads of the test's own: on two cores the common pool may have only one. */
  private final ExecutorService threads = Executors.newCachedThreadPool();

  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicInteger retries = new AtomicInteger();

  @AfterEach
  void tearDown() throws Exception {
    threads.shutdownNow();
    if (setup != null) {
      setup.close();
    }
  }

  @Test
  void replicasOnAReplicatedBrokerLoseAndRepeatNothingWhenTheLeaderAndThePrimaryBrokerDie()
      throws Exception {
    Assumptions.assumeTrue(
        NodeProcess.jarExists(), "needs " + NodeProcess.JAR + ": run through 'mvn verify'");
    StandaloneBroker.artemisHome();
    setup = new ProductionSetup(work);
    StandaloneBroker.Pair brokersKz = setup.brokerPair("kz", "kg", KZ_AGENCIES);
    StandaloneBroker brokerKg = setup.broker("kg", "kz", KG_AGENCIES);
    String kzDatabase = setup.database("kz");
    String kzBrokers = brokersKz.url(kzTls(), setup.pki().resolve("kz/ca.crt"));
    kz1 = replica("kz-1", kzDatabase, kzBrokers);
    kz2 = replica("kz-2", kzDatabase, kzBrokers);
    kg =
        setup.node("kg", work.resolve("kg"), setup.database("kg"), setup.brokerUrl("kg", brokerKg));
    TcpBalancer balancer =
        setup.closeLater(new TcpBalancer(List.of(borderPort(kz1), borderPort(kz2))));
    kz1.partner(kg);
    kz2.partner(kg);
    kg.set("kopir.partners.kz.border-url", "https://127.0.0.1:" + balancer.port());
    CompletableFuture<NodeProcess> kgStarted = CompletableFuture.supplyAsync(kg::start, threads);
    kz1.start();
    awaitLogLine(kz1, "Replica kz-1 now runs the node's periodic jobs", Duration.ofSeconds(30));
    kz2.start();
    kgStarted.get();

    simultaneousSubmissionsToBothReplicasAreAcceptedOnce();

    Instant begin = Instant.now();
    AtomicReference<Instant> killedAt = new AtomicReference<>();
    CompletableFuture<Map<String, Long>> chaos =
        CompletableFuture.supplyAsync(
            () -> {
              awaitAnswered(SIMULTANEOUS + REFERRALS / 3);
              long seqBefore = chainHead(kz2);
              // Both SIGKILLed at once; the clock starts when both are gone.
              CompletableFuture<Void> replicaKilled =
                  CompletableFuture.runAsync(kz1::kill, threads);
              brokersKz.primary().kill();
              replicaKilled.join();
              Instant killed = Instant.now();
              killedAt.set(killed);
              System.out.printf(
                  "high availability: kz-1 (leader) and kz's primary broker killed (SIGKILL) after"
                      + " %d answered, chain at seq %d%n",
                  answered.get(), seqBefore);
              Map<String, Long> took = new TreeMap<>();
              CompletableFuture<Long> newSubmission =
                  CompletableFuture.supplyAsync(() -> newSubmissionAccepted(killed), threads);
              brokersKz.backup().awaitActive(Duration.ofMinutes(2));
              took.put("backupBrokerActive", millisSince(killed));
              awaitLogLine(
                  kz2, "Replica kz-2 now runs the node's periodic jobs", Duration.ofMinutes(2));
              took.put("jobsOnKz2", millisSince(killed));
              awaitCheckpointBeyond(kz2, seqBefore, Duration.ofMinutes(2));
              took.put("checkpointByKz2", millisSince(killed));
              took.put("newSubmissionAcceptedByKz2", newSubmission.join());
              return took;
            },
            threads);
    AtomicReference<Long> firstAcceptedAfterKill = new AtomicReference<>();
    submitBurst(killedAt, firstAcceptedAfterKill);
    Map<String, Long> failover = chaos.get();
    failover.put("burstAcceptedAgain", firstAcceptedAfterKill.get());

    assertThat(refused).as("submissions finally refused").isEmpty();
    assertThat(accepted).hasSize(SIMULTANEOUS + REFERRALS + 1);
    List<String> atKg = Deliveries.drainInboxes(kg, KG_AGENCIES, accepted.size(), DRAIN_DEADLINE);
    Duration took = Duration.between(begin, Instant.now());
    Map<String, Integer> statuses = Deliveries.statusCounts(kz2, accepted);
    List<Long> checkpoints = checkpointSeqs(kz2);
    NodeProcess.CliResult audit = kz2.exportAndVerifyAudit(work.resolve("audit"));
    System.out.printf(
        "high availability: %d referrals accepted over 2 replicas, %d submissions retried; kg's"
            + " inbox drained after %ds with %d items; statuses at kz %s; failover in ms %s;"
            + " %d checkpoints; kz audit: %s%n",
        accepted.size(),
        retries.get(),
        took.toSeconds(),
        atKg.size(),
        statuses,
        failover,
        checkpoints.size(),
        audit.output().trim());

    assertThat(atKg).as("kg inbox items").doesNotHaveDuplicates();
    assertThat(atKg).containsExactlyInAnyOrderElementsOf(accepted.keySet());
    assertThat(statuses.keySet()).isSubsetOf("DELIVERED", "RETRIEVED");
    assertThat(checkpoints)
        .as("one checkpoint per seq, in order")
        .isSorted()
        .doesNotHaveDuplicates();
    assertThat(audit.exitCode()).as(audit.output()).isZero();
  }

  /**
   * The same referral posted to kz-1 and kz-2 at the same moment: both answered 202 for the same
   * message, one of them QUEUED, one {@code message.queued} in the audit trail.
   */
  private void simultaneousSubmissionsToBothReplicasAreAcceptedOnce() throws Exception {
    for (int i = 0; i < SIMULTANEOUS; i++) {
      String sender = KZ_AGENCIES.get(i % KZ_AGENCIES.size());
      ObjectNode envelope =
          Envelopes.referral("KZ", sender, "KG", KG_AGENCIES.get(i % KG_AGENCIES.size()));
      String id = Envelopes.messageId(envelope);
      CountDownLatch ready = new CountDownLatch(2);
      List<CompletableFuture<Http.Answer>> answers = new ArrayList<>();
      for (NodeProcess replica : List.of(kz1, kz2)) {
        answers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  Http client = replica.agency(sender);
                  ready.countDown();
                  awaitLatch(ready);
                  return client.postJson(
                      replica.localUrl() + "/api/v1/messages", envelope.toString());
                },
                threads));
      }
      Http.Answer first = answers.get(0).get();
      Http.Answer second = answers.get(1).get();
      assertThat(first.status()).as(first.body()).isEqualTo(202);
      assertThat(second.status()).as(second.body()).isEqualTo(202);
      // The submission that registered the message answers QUEUED; the other is a repeat, answered
      // with the message's status when it is answered (SPEC §5.6), which the delivery to kg may
      // have moved on by then.
      JsonNode firstAnswer = JSON.readTree(first.body());
      JsonNode secondAnswer = JSON.readTree(second.body());
      assertThat(List.of(firstAnswer, secondAnswer))
          .allSatisfy(answer -> assertThat(answer.path("messageId").asText()).isEqualTo(id))
          .allSatisfy(
              answer ->
                  assertThat(answer.path("status").asText())
                      .isIn("QUEUED", "DELIVERED", "RETRIEVED"))
          .anySatisfy(answer -> assertThat(answer.path("status").asText()).isEqualTo("QUEUED"));
      accepted.put(id, sender);
      answered.incrementAndGet();
      JsonNode queued =
          kz2.person("auditor")
              .get(kz2.localUrl() + "/api/v1/audit/records?event=message.queued&messageId=" + id)
              .json();
      assertThat(queued.path("totalElements").asLong()).as("message.queued of " + id).isEqualTo(1);
    }
  }

  /**
   * A new referral submitted to kz-2 right after the kill, again every 100 ms until accepted.
   *
   * @return milliseconds from {@code killed} to its acceptance
   */
  private long newSubmissionAccepted(Instant killed) {
    String sender = KZ_AGENCIES.get(0);
    ObjectNode envelope = Envelopes.referral("KZ", sender, "KG", KG_AGENCIES.get(0));
    Instant deadline = Instant.now().plus(SUBMIT_DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      try {
        Http.Answer answer =
            kz2.agency(sender).postJson(kz2.localUrl() + "/api/v1/messages", envelope.toString());
        if (answer.status() == 202) {
          accepted.put(Envelopes.messageId(envelope), sender);
          return millisSince(killed);
        }
        if (answer.status() < 500) {
          refused.put(Envelopes.messageId(envelope), answer.status() + " " + answer.body());
          return -1;
        }
      } catch (UncheckedIOException | IllegalStateException brokerFailingOver) {
        // tried again below
      }
      sleep(100);
    }
    refused.put(Envelopes.messageId(envelope), "no answer before the deadline");
    return -1;
  }

  /** Referrals spread over both replicas; a submission that fails is retried on the other one. */
  private void submitBurst(AtomicReference<Instant> killedAt, AtomicReference<Long> firstAfter) {
    Instant deadline = Instant.now().plus(SUBMIT_DEADLINE);
    List<NodeProcess> replicas = List.of(kz1, kz2);
    for (int i = 0; i < REFERRALS; i++) {
      String sender = KZ_AGENCIES.get(i % KZ_AGENCIES.size());
      ObjectNode envelope =
          Envelopes.referral("KZ", sender, "KG", KG_AGENCIES.get(i % KG_AGENCIES.size()));
      String id = Envelopes.messageId(envelope);
      int turn = i % 2;
      boolean first = true;
      while (true) {
        if (Instant.now().isAfter(deadline)) {
          refused.put(id, "no answer before the deadline");
          break;
        }
        if (!first) {
          retries.incrementAndGet();
          sleep(200);
          turn = 1 - turn;
        }
        first = false;
        NodeProcess replica = replicas.get(turn);
        Instant killed = killedAt.get();
        Http.Answer answer;
        try {
          answer =
              replica
                  .agency(sender)
                  .postJson(replica.localUrl() + "/api/v1/messages", envelope.toString());
        } catch (UncheckedIOException | IllegalStateException replicaOrBrokerDown) {
          continue;
        }
        if (answer.status() == 202) {
          accepted.put(id, sender);
          if (killed != null && firstAfter.get() == null) {
            firstAfter.set(millisSince(killed));
          }
          break;
        }
        if (answer.status() >= 500) {
          continue;
        }
        refused.put(id, answer.status() + " " + answer.body());
        break;
      }
      answered.incrementAndGet();
    }
  }

  private NodeProcess replica(String name, String database, String brokerUrl) throws IOException {
    return setup
        .node("kz", work.resolve(name), database, brokerUrl)
        .set("kopir.leadership.replica", name);
  }

  private Path kzTls() {
    return setup.pki().resolve("kz/node-tls.pem");
  }

  private static int borderPort(NodeProcess node) {
    return URI.create(node.borderUrl()).getPort();
  }

  /** How many records kz's chain holds: its last seq, as nothing was purged. */
  private static long chainHead(NodeProcess node) {
    return node.person("auditor")
        .get(node.localUrl() + "/api/v1/audit/records?size=1&page=0")
        .json()
        .path("totalElements")
        .asLong();
  }

  private static List<Long> checkpointSeqs(NodeProcess node) {
    String lines = node.person("auditor").get(node.localUrl() + "/api/v1/audit/checkpoints").body();
    List<Long> seqs = new ArrayList<>();
    for (String line : lines.split("\n")) {
      if (!line.isBlank()) {
        try {
          seqs.add(JSON.readTree(line).path("checkpoint").path("seq").asLong());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return seqs;
  }

  private static void awaitCheckpointBeyond(NodeProcess node, long seq, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      List<Long> seqs = checkpointSeqs(node);
      if (!seqs.isEmpty() && seqs.get(seqs.size() - 1) > seq) {
        return;
      }
      sleep(200);
    }
    throw new IllegalStateException("no checkpoint beyond seq " + seq + " at " + node.logFile());
  }

  private static void awaitLogLine(NodeProcess node, String line, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (Files.readString(node.logFile(), StandardCharsets.UTF_8).contains(line)) {
          return;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      sleep(100);
    }
    throw new IllegalStateException("'" + line + "' not in " + node.logFile());
  }

  private void awaitAnswered(int count) {
    while (answered.get() < count) {
      sleep(20);
    }
  }

  private static long millisSince(Instant start) {
    return Duration.between(start, Instant.now()).toMillis();
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
