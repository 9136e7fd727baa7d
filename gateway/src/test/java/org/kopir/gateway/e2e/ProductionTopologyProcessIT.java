package org.kopir.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kopir.gateway.testsupport.NodeProcess.sleep;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.testsupport.Deliveries;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.NodeProcess;
import org.kopir.gateway.testsupport.ProductionSetup;
import org.kopir.gateway.testsupport.StandaloneBroker;

/**
 * The production shape, run for real: two nodes in the {@code production} profile, each with a
 * standalone Artemis broker of the distribution (instance made by {@code
 * deploy/artemis/create-instance}, TLS with client certificates, hashed accounts) and its own
 * PostgreSQL database, fresh key material and no development password anywhere.
 *
 * <p>Referrals go both ways while things break: first kz forwards over HTTPS and kg over JMS (to
 * kz's broker) and kz's broker is killed with SIGKILL in the middle of the burst and restarted;
 * then kz is killed with SIGKILL and comes back forwarding over JMS (to kg's broker) while kg is
 * restarted to forward over HTTPS. Every accepted referral must reach its inbox exactly once, the
 * senders must see the receipts, and both audit trails must verify with the offline CLI.
 */
class ProductionTopologyProcessIT {

  private static final int PER_DIRECTION_AND_PHASE =
      Integer.getInteger("kopir.production-topology.messages", 60);
  private static final Duration SUBMIT_DEADLINE = Duration.ofMinutes(6);
  private static final Duration DRAIN_DEADLINE = Duration.ofMinutes(5);
  private static final List<String> KZ_AGENCIES = List.of("kz-cpc", "kz-almaty-guardianship");
  private static final List<String> KG_AGENCIES = List.of("kg-cpd", "kg-bishkek-guardianship");

  @TempDir Path work;
  private ProductionSetup setup;

  private Path pki;
  private StandaloneBroker brokerKz;
  private StandaloneBroker brokerKg;
  private NodeProcess kz;
  private NodeProcess kg;

  /** Accepted message ids with the agency that sent each. */
  private final Map<String, String> acceptedAtKz = new ConcurrentHashMap<>();

  private final Map<String, String> acceptedAtKg = new ConcurrentHashMap<>();
  private final Map<String, String> refused = new ConcurrentHashMap<>();
  private final AtomicInteger answeredAtKz = new AtomicInteger();
  private final AtomicInteger retries = new AtomicInteger();

  /**
   * The bursts and the chaos run side by side on threads of their own: the common pool has one
   * thread on two cores, which would run kg's burst only after the chaos task.
   */
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void tearDown() throws Exception {
    threads.shutdownNow();
    if (setup != null) {
      setup.close();
    }
  }

  @Test
  void referralsBothWaysOverHttpsAndJmsSurviveKilledBrokerAndNodeExactlyOnce() throws Exception {
    Assumptions.assumeTrue(
        NodeProcess.jarExists(), "needs " + NodeProcess.JAR + ": run through 'mvn verify'");
    StandaloneBroker.artemisHome();
    setup = new ProductionSetup(work);
    pki = setup.pki();

    brokerKz = setup.broker("kz", "kg", KZ_AGENCIES);
    brokerKg = setup.broker("kg", "kz", KG_AGENCIES);
    kz = node("kz", brokerKz);
    kg = node("kg", brokerKg);
    kz.partner(kg);
    kg.partner(kz);
    setup.forwardOverJms(kg, brokerKz, "kz");
    CompletableFuture<NodeProcess> kgStarted = CompletableFuture.supplyAsync(kg::start, threads);
    kz.start();
    kgStarted.get();
    anAgencyReachesOnlyItsOwnQueuesAndOnlyWithItsCertificate();

    // Phase 1: kz -> kg over HTTPS, kg -> kz over JMS; kz's broker killed mid-burst.
    Instant begin = Instant.now();
    CompletableFuture<Void> brokerChaos =
        CompletableFuture.runAsync(
            () -> {
              awaitAnsweredAtKz(PER_DIRECTION_AND_PHASE / 3);
              brokerKz.kill();
              System.out.printf(
                  "production topology: kz's broker killed (SIGKILL) after %d answered%n",
                  answeredAtKz.get());
              sleep(2000);
              brokerKz.start();
              System.out.println("production topology: kz's broker active again");
            },
            threads);
    CompletableFuture<Void> fromKg =
        submitAsync(kg, "KG", KG_AGENCIES, "KZ", KZ_AGENCIES, acceptedAtKg);
    submit(kz, "KZ", KZ_AGENCIES, "KG", KG_AGENCIES, acceptedAtKz);
    fromKg.get();
    brokerChaos.get();

    // Phase 2: kz killed mid-burst, back forwarding over JMS; kg back forwarding over HTTPS.
    int answeredBefore = answeredAtKz.get();
    CompletableFuture<Void> nodeChaos =
        CompletableFuture.runAsync(
            () -> {
              awaitAnsweredAtKz(answeredBefore + PER_DIRECTION_AND_PHASE / 3);
              kz.kill();
              System.out.printf(
                  "production topology: kz killed (SIGKILL) after %d answered%n",
                  answeredAtKz.get());
              kg.stop();
              setup.forwardOverJms(kz, brokerKg, "kg");
              kg.set("kopir.partners.kz.transport", "https");
              CompletableFuture<NodeProcess> kgAgain =
                  CompletableFuture.supplyAsync(kg::start, threads);
              kz.start();
              kgAgain.join();
              System.out.println("production topology: kz (jms) and kg (https) ready again");
            },
            threads);
    CompletableFuture<Void> fromKg2 =
        submitAsync(kg, "KG", KG_AGENCIES, "KZ", KZ_AGENCIES, acceptedAtKg);
    submit(kz, "KZ", KZ_AGENCIES, "KG", KG_AGENCIES, acceptedAtKz);
    fromKg2.get();
    nodeChaos.get();

    assertThat(refused).as("submissions finally refused").isEmpty();
    assertThat(acceptedAtKz).hasSize(2 * PER_DIRECTION_AND_PHASE);
    assertThat(acceptedAtKg).hasSize(2 * PER_DIRECTION_AND_PHASE);

    List<String> atKg =
        Deliveries.drainInboxes(kg, KG_AGENCIES, acceptedAtKz.size(), DRAIN_DEADLINE);
    List<String> atKz =
        Deliveries.drainInboxes(kz, KZ_AGENCIES, acceptedAtKg.size(), DRAIN_DEADLINE);
    Duration took = Duration.between(begin, Instant.now());
    Map<String, Integer> kzStatuses = Deliveries.statusCounts(kz, acceptedAtKz);
    Map<String, Integer> kgStatuses = Deliveries.statusCounts(kg, acceptedAtKg);
    NodeProcess.CliResult kzAudit = kz.exportAndVerifyAudit(work.resolve("audit"));
    NodeProcess.CliResult kgAudit = kg.exportAndVerifyAudit(work.resolve("audit"));
    System.out.printf(
        "production topology: %d kz->kg and %d kg->kz accepted, %d submissions retried; inboxes"
            + " drained after %ds: kg %d items, kz %d items; statuses at kz %s, at kg %s;"
            + " kz audit: %s; kg audit: %s%n",
        acceptedAtKz.size(),
        acceptedAtKg.size(),
        retries.get(),
        took.toSeconds(),
        atKg.size(),
        atKz.size(),
        kzStatuses,
        kgStatuses,
        kzAudit.output().trim(),
        kgAudit.output().trim());

    assertThat(atKg).as("kg inbox items").doesNotHaveDuplicates();
    assertThat(atKg).containsExactlyInAnyOrderElementsOf(acceptedAtKz.keySet());
    assertThat(atKz).as("kz inbox items").doesNotHaveDuplicates();
    assertThat(atKz).containsExactlyInAnyOrderElementsOf(acceptedAtKg.keySet());
    assertThat(kzStatuses.keySet()).isSubsetOf("DELIVERED", "RETRIEVED");
    assertThat(kgStatuses.keySet()).isSubsetOf("DELIVERED", "RETRIEVED");
    assertThat(kzAudit.exitCode()).as(kzAudit.output()).isZero();
    assertThat(kgAudit.exitCode()).as(kgAudit.output()).isZero();
  }

  /**
   * kz-cpc at kz's standalone broker: in with its TLS client certificate and password, to browse
   * its inbox; refused on another agency's inbox and on the border queue; refused without its
   * certificate or with a wrong password.
   */
  private void anAgencyReachesOnlyItsOwnQueuesAndOnlyWithItsCertificate() throws Exception {
    Path agencies = pki.resolve("kz/agencies");
    Path bundle =
        Files.writeString(
            work.resolve("kz-cpc.pem"),
            Files.readString(agencies.resolve("kz-cpc.key"))
                + Files.readString(agencies.resolve("kz-cpc.crt")));
    Path ca = pki.resolve("kz/ca.crt");
    String password = setup.secret("kz/kz-cpc");
    try (ActiveMQConnectionFactory factory = factory(brokerKz.url(bundle, ca));
        JMSContext context = factory.createContext("kz-cpc", password)) {
      assertThat(context.createBrowser(context.createQueue("agency.kz-cpc.inbox")).getEnumeration())
          .isNotNull();
      assertThatThrownBy(
              () ->
                  context
                      .createConsumer(context.createQueue("agency.kz-almaty-guardianship.inbox"))
                      .receiveNoWait())
          .isInstanceOf(JMSSecurityRuntimeException.class);
      assertThatThrownBy(
              () -> context.createProducer().send(context.createQueue("kopir.border.in"), "x"))
          .isInstanceOf(JMSSecurityRuntimeException.class);
    }
    try (ActiveMQConnectionFactory factory = factory(brokerKz.url(bundle, ca))) {
      assertThatThrownBy(() -> factory.createContext("kz-cpc", password + "x").close())
          .isInstanceOf(JMSSecurityRuntimeException.class);
    }
    String withoutCertificate =
        "tcp://127.0.0.1:"
            + brokerKz.port()
            + "?sslEnabled=true;trustStoreType=PEM;trustStorePath="
            + ca;
    try (ActiveMQConnectionFactory factory = factory(withoutCertificate)) {
      assertThatThrownBy(() -> factory.createContext("kz-cpc", password).close())
          .isInstanceOf(JMSRuntimeException.class);
    }
  }

  private static ActiveMQConnectionFactory factory(String url) {
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
    factory.setReconnectAttempts(0);
    factory.setInitialConnectAttempts(1);
    factory.setCallTimeout(10_000);
    return factory;
  }

  private NodeProcess node(String id, StandaloneBroker broker) throws IOException {
    return setup.node(id, work.resolve(id), setup.database(id), setup.brokerUrl(id, broker));
  }

  private CompletableFuture<Void> submitAsync(
      NodeProcess node,
      String fromCountry,
      List<String> from,
      String toCountry,
      List<String> to,
      Map<String, String> accepted) {
    return CompletableFuture.runAsync(
        () -> submit(node, fromCountry, from, toCountry, to, accepted), threads);
  }

  /** One burst from {@code node}'s agencies; each submission retried until answered. */
  private void submit(
      NodeProcess node,
      String fromCountry,
      List<String> from,
      String toCountry,
      List<String> to,
      Map<String, String> accepted) {
    Instant deadline = Instant.now().plus(SUBMIT_DEADLINE);
    for (int i = 0; i < PER_DIRECTION_AND_PHASE; i++) {
      String sender = from.get(i % from.size());
      com.fasterxml.jackson.databind.node.ObjectNode envelope =
          Envelopes.referral(fromCountry, sender, toCountry, to.get(i % to.size()));
      submitUntilAnswered(
          node, sender, Envelopes.messageId(envelope), envelope.toString(), deadline, accepted);
      if (node == kz) {
        answeredAtKz.incrementAndGet();
      }
    }
  }

  private void submitUntilAnswered(
      NodeProcess node,
      String sender,
      String id,
      String body,
      Instant deadline,
      Map<String, String> accepted) {
    boolean first = true;
    while (Instant.now().isBefore(deadline)) {
      if (!first) {
        retries.incrementAndGet();
        sleep(250);
      }
      first = false;
      Http.Answer answer;
      try {
        answer = node.agency(sender).postJson(node.localUrl() + "/api/v1/messages", body);
      } catch (UncheckedIOException | IllegalStateException nodeOrBrokerDown) {
        continue;
      }
      if (answer.status() == 202) {
        accepted.put(id, sender);
        return;
      }
      if (answer.status() >= 500 || answer.status() == 503) {
        continue;
      }
      refused.put(id, answer.status() + " " + answer.body());
      return;
    }
    refused.put(id, "no answer before the deadline");
  }

  private void awaitAnsweredAtKz(int count) {
    while (answeredAtKz.get() < count) {
      sleep(20);
    }
  }
}
