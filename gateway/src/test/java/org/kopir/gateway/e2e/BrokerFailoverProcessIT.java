package org.kopir.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kopir.gateway.testsupport.NodeProcess.sleep;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.client.TopologyMember;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.broker.MessageHeaders;
import org.kopir.gateway.crypto.DevPki;
import org.kopir.gateway.testsupport.NodeProcess;
import org.kopir.gateway.testsupport.StandaloneBroker;

/**
 * A node's broker as a replicated pair made by {@code deploy/artemis/create-instance --ha-role},
 * run for real (brokers only, no node): a JMS client with the pair's URL sends persistent messages
 * to the primary while a second connection commits batches in local transactions; the primary is
 * killed with SIGKILL, the backup takes over and the same client, without a new connection factory
 * or context, sends on. Every message is then found exactly once at the backup. Prints how long the
 * backup took to activate and the client to send again (docs/operations.md, "A replicated broker
 * pair").
 */
class BrokerFailoverProcessIT {

  private static final int BEFORE_KILL = 200;
  private static final int AFTER_KILL = 50;
  private static final String QUEUE = "kopir.outbound.kg.normal";
  private static final String TRANSACTED_QUEUE = "kopir.outbound.kg.high";

  @TempDir Path work;
  private StandaloneBroker.Pair pair;

  @AfterEach
  void tearDown() {
    if (pair != null) {
      pair.close();
    }
  }

  @Test
  void theBackupTakesOverFromAKilledPrimaryWithEveryMessageAndTheClientSendsOn() throws Exception {
    Assumptions.assumeTrue(
        NodeProcess.jarExists(), "needs " + NodeProcess.JAR + ": run through 'mvn verify'");
    StandaloneBroker.artemisHome();
    Instant begin = Instant.now();
    Path pki = work.resolve("pki");
    DevPki.generate(pki, DevPki.nodes(List.of("kz", "kg")), Instant.now(), false);
    Path passwords = Files.createDirectories(work.resolve("passwords"));
    String nodePassword = randomSecret();
    Files.writeString(passwords.resolve("kopir-node"), nodePassword + "\n");

    Instant pkiDone = Instant.now();
    pair =
        StandaloneBroker.createPair(
            "kz",
            work.resolve("brokers"),
            pki.resolve("kz"),
            pki.resolve("kg/ca.crt"),
            passwords,
            List.of("--kopir.partners.tj.enabled=false"));
    Instant created = Instant.now();
    pair.primary().start();
    Instant primaryActive = Instant.now();
    pair.backup().start();
    Instant backupInSync = Instant.now();

    String url = pair.url(pki.resolve("kz/node-tls.pem"), pki.resolve("kz/ca.crt"));
    List<String> expected = new ArrayList<>();
    Duration toActive;
    Duration toNextSend;
    // Own threads: the common pool may have a single one, which the sender would hold.
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        JMSContext context = factory.createContext("kopir-node", nodePassword);
        JMSContext transactedContext =
            factory.createContext("kopir-node", nodePassword, JMSContext.SESSION_TRANSACTED)) {
      JMSProducer producer = context.createProducer();
      Queue queue = context.createQueue(QUEUE);
      TransactedSender transacted =
          new TransactedSender(transactedContext, transactedContext.createQueue(TRANSACTED_QUEUE));
      Future<?> transactions = threads.submit(transacted);
      for (int i = 0; i < BEFORE_KILL; i++) {
        expected.add(send(producer, queue, "before-" + i));
      }
      awaitBackupInTopology(factory);

      Instant killed = Instant.now();
      int committedBeforeKill = transacted.committed.size();
      pair.primary().kill();
      Future<Instant> active =
          threads.submit(() -> pair.backup().awaitActive(Duration.ofSeconds(60)));
      expected.add(send(producer, queue, "after-0"));
      toNextSend = Duration.between(killed, Instant.now());
      toActive = Duration.between(killed, active.get());
      for (int i = 1; i < AFTER_KILL; i++) {
        expected.add(send(producer, queue, "after-" + i));
      }
      transacted.stopAfter(transacted.committed.size() + 5 * TransactedSender.BATCH);
      transactions.get(60, TimeUnit.SECONDS);

      List<String> received = drain(context, queue);
      List<String> receivedTransacted = drain(context, context.createQueue(TRANSACTED_QUEUE));
      System.out.printf(
          "broker failover: %d messages before and %d after the primary's SIGKILL, %d in"
              + " transactions of %d (%d committed before the kill); backup active %d ms after the"
              + " kill, the client's next send done %d ms after it; failures the client saw: %s;"
              + " set-up: keys %d ms, pair created %d ms, primary active %d ms, backup in sync"
              + " %d ms; test %d s%n",
          BEFORE_KILL,
          AFTER_KILL,
          transacted.committed.size(),
          TransactedSender.BATCH,
          committedBeforeKill,
          toActive.toMillis(),
          toNextSend.toMillis(),
          FAILURES,
          Duration.between(begin, pkiDone).toMillis(),
          Duration.between(pkiDone, created).toMillis(),
          Duration.between(created, primaryActive).toMillis(),
          Duration.between(primaryActive, backupInSync).toMillis(),
          Duration.between(begin, Instant.now()).toSeconds());

      assertThat(received).as("messages at the backup").doesNotHaveDuplicates();
      assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(receivedTransacted).as("transacted messages").doesNotHaveDuplicates();
      assertThat(receivedTransacted).containsExactlyInAnyOrderElementsOf(transacted.committed);
    } finally {
      threads.shutdownNow();
    }
    assertThat(toActive).isLessThan(Duration.ofSeconds(30));
  }

  /**
   * Sends {@code body} as a persistent message (blocking until the broker confirms it, which the
   * primary does once its backup has it too) with the duplicate id the node sets; a send the
   * failover interrupted is sent again, and the broker drops it if the first one arrived.
   */
  private static String send(JMSProducer producer, Queue queue, String body) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      try {
        producer.setProperty(MessageHeaders.DUPLICATE_ID, body).send(queue, body);
        return body;
      } catch (JMSRuntimeException interrupted) {
        if (Instant.now().isAfter(deadline)) {
          throw interrupted;
        }
        failure("send", interrupted);
      }
    }
  }

  /**
   * Batches of persistent messages, each committed in a local transaction as the node's routes do,
   * until told to stop. A batch whose commit fails is rolled back and sent again under the same
   * duplicate ids; when the broker reports the batch a duplicate, its first commit had gone
   * through.
   */
  private static final class TransactedSender implements Runnable {

    static final int BATCH = 5;

    final List<String> committed = new CopyOnWriteArrayList<>();
    private final JMSContext context;
    private final Queue queue;
    private volatile int stopAfter = Integer.MAX_VALUE;

    TransactedSender(JMSContext context, Queue queue) {
      this.context = context;
      this.queue = queue;
    }

    void stopAfter(int messages) {
      stopAfter = messages;
    }

    @Override
    public void run() {
      JMSProducer producer = context.createProducer();
      Instant deadline = Instant.now().plusSeconds(90);
      for (int batch = 0; committed.size() < stopAfter; batch++) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
          bodies.add("tx-" + batch + "-" + i);
        }
        while (true) {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("transactions still failing: " + FAILURES);
          }
          try {
            for (String body : bodies) {
              producer.setProperty(MessageHeaders.DUPLICATE_ID, body).send(queue, body);
            }
            context.commit();
            committed.addAll(bodies);
            break;
          } catch (JMSRuntimeException failed) {
            failure("transaction", failed);
            try {
              context.rollback();
            } catch (JMSRuntimeException ignored) {
              // the session is rolled back already
            }
            if (String.valueOf(failed.getMessage()).contains("uplicate")) {
              committed.addAll(bodies);
              break;
            }
          }
        }
        sleep(20);
      }
    }
  }

  private static final Map<String, Integer> FAILURES = new ConcurrentSkipListMap<>();

  /** Counts a failure the client saw, by operation and exception. */
  private static void failure(String operation, JMSRuntimeException failure) {
    String message = String.valueOf(failure.getMessage());
    FAILURES.merge(
        operation
            + ": "
            + failure.getClass().getSimpleName()
            + " "
            + message.substring(0, Math.min(message.length(), 160)),
        1,
        Integer::sum);
  }

  private static List<String> drain(JMSContext context, Queue queue) {
    List<String> received = new ArrayList<>();
    try (JMSConsumer consumer = context.createConsumer(queue)) {
      String body;
      while ((body = consumer.receiveBody(String.class, 2000)) != null) {
        received.add(body);
      }
    }
    return received;
  }

  /** The client knows the backup before the primary goes (it learns it from the primary). */
  private static void awaitBackupInTopology(ActiveMQConnectionFactory factory) {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      for (TopologyMember member : factory.getServerLocator().getTopology().getMembers()) {
        if (member.getBackup() != null) {
          return;
        }
      }
      sleep(50);
    }
    throw new IllegalStateException("the client never learned of the backup");
  }

  private static String randomSecret() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
