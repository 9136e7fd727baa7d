package org.kopir.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.crypto.DevPki;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.NodeProcess;
import org.kopir.gateway.testsupport.PostgresTestDatabase;
import org.kopir.gateway.testsupport.StandaloneBroker;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

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
  private final List<AutoCloseable> running = new ArrayList<>();
  private final List<String> databases = new ArrayList<>();
  private final Map<String, String> secrets = new LinkedHashMap<>();

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

  @AfterEach
  void tearDown() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
    for (String database : databases) {
      PostgresTestDatabase.dropDatabase(database);
    }
  }

  @Test
  void referralsBothWaysOverHttpsAndJmsSurviveKilledBrokerAndNodeExactlyOnce() throws Exception {
    Assumptions.assumeTrue(
        NodeProcess.jarExists(), "needs " + NodeProcess.JAR + ": run through 'mvn verify'");
    StandaloneBroker.artemisHome();
    pki = work.resolve("pki");
    DevPki.generate(pki, DevPki.DEMO, Instant.now(), false);

    brokerKz = broker("kz", "kg", KZ_AGENCIES);
    brokerKg = broker("kg", "kz", KG_AGENCIES);
    Path users = usersFile();
    kz = node("kz", brokerKz, users);
    kg = node("kg", brokerKg, users);
    kz.partner(kg);
    kg.partner(kz);
    forwardOverJms(kg, brokerKz, "kz");
    CompletableFuture<NodeProcess> kgStarted = CompletableFuture.supplyAsync(kg::start);
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
            });
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
              forwardOverJms(kz, brokerKg, "kg");
              kg.set("kopir.partners.kz.transport", "https");
              CompletableFuture<NodeProcess> kgAgain = CompletableFuture.supplyAsync(kg::start);
              kz.start();
              kgAgain.join();
              System.out.println("production topology: kz (jms) and kg (https) ready again");
            });
    CompletableFuture<Void> fromKg2 =
        submitAsync(kg, "KG", KG_AGENCIES, "KZ", KZ_AGENCIES, acceptedAtKg);
    submit(kz, "KZ", KZ_AGENCIES, "KG", KG_AGENCIES, acceptedAtKz);
    fromKg2.get();
    nodeChaos.get();

    assertThat(refused).as("submissions finally refused").isEmpty();
    assertThat(acceptedAtKz).hasSize(2 * PER_DIRECTION_AND_PHASE);
    assertThat(acceptedAtKg).hasSize(2 * PER_DIRECTION_AND_PHASE);

    List<String> atKg = drain(kg, KG_AGENCIES, acceptedAtKz.size());
    List<String> atKz = drain(kz, KZ_AGENCIES, acceptedAtKg.size());
    Duration took = Duration.between(begin, Instant.now());
    Map<String, Integer> kzStatuses = statuses(kz, acceptedAtKz);
    Map<String, Integer> kgStatuses = statuses(kg, acceptedAtKg);
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
    String password = secrets.get("kz/kz-cpc");
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

  /** The broker of {@code node}, its accounts' passwords made here and given as files. */
  private StandaloneBroker broker(String node, String partner, List<String> agencies)
      throws IOException {
    Path passwords = Files.createDirectories(work.resolve("broker-passwords-" + node));
    List<String> users = new ArrayList<>(List.of("kopir-node", partner + "-node"));
    users.addAll(agencies);
    for (String user : users) {
      String password = randomSecret();
      secrets.put(node + "/" + user, password);
      Files.writeString(passwords.resolve(user), password + "\n");
    }
    StandaloneBroker broker =
        StandaloneBroker.create(
            node,
            work.resolve("artemis-" + node),
            pki.resolve(node),
            pki.resolve(partner).resolve("ca.crt"),
            passwords,
            fastRetries());
    running.add(broker);
    return broker.start();
  }

  /** People's accounts as the production profile takes them: bcrypt hashes in a file. */
  private Path usersFile() throws IOException {
    BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
    StringBuilder file = new StringBuilder("# name:hash:roles\n");
    for (String user : List.of("auditor", "operator")) {
      String password = randomSecret();
      secrets.put("person/" + user, password);
      file.append(user)
          .append(":{bcrypt}")
          .append(encoder.encode(password))
          .append(':')
          .append(user.toUpperCase(java.util.Locale.ROOT))
          .append('\n');
    }
    return Files.writeString(work.resolve("people"), file.toString());
  }

  private NodeProcess node(String id, StandaloneBroker broker, Path users) {
    String database = PostgresTestDatabase.createDatabase("kopir_production_" + id);
    databases.add(database);
    Path certs = pki.resolve(id);
    NodeProcess node =
        new NodeProcess(id, work.resolve(id), pki)
            .jvmArg("-Xmx512m")
            .set("spring.profiles.active", "production")
            .set(
                "spring.artemis.broker-url",
                broker.url(certs.resolve("node-tls.pem"), certs.resolve("ca.crt")))
            .env("SPRING_ARTEMIS_PASSWORD", secrets.get(id + "/kopir-node"))
            .set("spring.datasource.url", database)
            .set("spring.datasource.username", PostgresTestDatabase.user())
            .set("kopir.security.users-file", users)
            .set("kopir.audit.checkpoint-interval", "2s")
            .password("auditor", secrets.get("person/auditor"))
            .password("operator", secrets.get("person/operator"));
    for (String setting : fastRetries()) {
      String[] pair = setting.substring(2).split("=", 2);
      node.set(pair[0], pair[1]);
    }
    running.add(node);
    return node;
  }

  /** {@code node} forwards over JMS to {@code partnerBroker}, as user {@code <node>-node}. */
  private void forwardOverJms(NodeProcess node, StandaloneBroker partnerBroker, String partner) {
    Path certs = pki.resolve(node.id());
    node.set("kopir.partners." + partner + ".transport", "jms")
        .set(
            "kopir.partners." + partner + ".jms.broker-url",
            partnerBroker.url(
                certs.resolve("node-tls.pem"), pki.resolve(partner).resolve("ca.crt")))
        .env(
            "KOPIR_PARTNERS_" + partner.toUpperCase(java.util.Locale.ROOT) + "_JMS_PASSWORD",
            secrets.get(partner + "/" + node.id() + "-node"));
  }

  /**
   * Short schedules, for node and broker alike (the broker redelivers by them); kz and kg only, the
   * third development node's partnership taken out.
   */
  private static List<String> fastRetries() {
    return List.of(
        "--kopir.partners.tj.enabled=false",
        "--kopir.broker.redelivery.initial-delay=200ms",
        "--kopir.broker.redelivery.max-delay=1s",
        "--kopir.broker.retry.high.initial-delay=200ms",
        "--kopir.broker.retry.high.max-delay=1s",
        "--kopir.broker.retry.normal.initial-delay=200ms",
        "--kopir.broker.retry.normal.max-delay=1s");
  }

  private CompletableFuture<Void> submitAsync(
      NodeProcess node,
      String fromCountry,
      List<String> from,
      String toCountry,
      List<String> to,
      Map<String, String> accepted) {
    return CompletableFuture.runAsync(
        () -> submit(node, fromCountry, from, toCountry, to, accepted));
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

  /** Pulls and acknowledges inbox items at {@code node} until {@code expected} came out. */
  private List<String> drain(NodeProcess node, List<String> agencies, int expected) {
    List<String> drained = new ArrayList<>();
    Instant deadline = Instant.now().plus(DRAIN_DEADLINE);
    while (Instant.now().isBefore(deadline) && drained.size() < expected) {
      int before = drained.size();
      for (String agency : agencies) {
        Http client = node.agency(agency);
        JsonNode items =
            client.get(node.localUrl() + "/api/v1/inbox?limit=100").json().path("items");
        for (JsonNode item : items) {
          String id = item.path("messageId").asText();
          drained.add(id);
          int ack =
              client
                  .post(node.localUrl() + "/api/v1/inbox/" + id + "/ack", null, new byte[0])
                  .status();
          assertThat(ack).as("ack of a listed item").isEqualTo(204);
        }
      }
      if (drained.size() == before) {
        sleep(500);
      }
    }
    sleep(3000);
    for (String agency : agencies) {
      JsonNode late =
          node.agency(agency).get(node.localUrl() + "/api/v1/inbox?limit=100").json().path("items");
      late.forEach(item -> drained.add(item.path("messageId").asText()));
    }
    return drained;
  }

  /** Statuses at the sending node, once the receipts had time to come back. */
  private Map<String, Integer> statuses(NodeProcess node, Map<String, String> senders) {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (Map.Entry<String, String> sent : senders.entrySet()) {
      String status =
          node.agency(sent.getValue())
              .get(node.localUrl() + "/api/v1/messages/" + sent.getKey())
              .json()
              .path("status")
              .asText();
      counts.merge(status, 1, Integer::sum);
    }
    return counts;
  }

  private void awaitAnsweredAtKz(int count) {
    while (answeredAtKz.get() < count) {
      sleep(20);
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
