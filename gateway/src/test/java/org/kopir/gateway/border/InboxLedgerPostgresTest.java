package org.kopir.gateway.border;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.crypto.Canonicalizer;
import org.kopir.gateway.links.LinkKeyStore;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.MutableClock;
import org.kopir.gateway.testsupport.PostgresTestDatabase;
import org.kopir.gateway.validation.EnvelopeHeader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The receiving node's registration on PostgreSQL, where a refused statement aborts its
 * transaction: the message's row and its link keys commit together, once; a second registration of
 * the message finds the first instead of failing. Marking it enqueued runs the mark's records once,
 * for the one delivery that marks it, also when deliveries race.
 */
class InboxLedgerPostgresTest {

  private static final String LINK_KEY = "pid.iin.abcdefghijklmnopqrstuvwxyz";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
  private PostgresTestDatabase database;
  private HikariDataSource dataSource;
  private JdbcTemplate jdbc;
  private InboxLedger ledger;
  private LinkKeyStore links;

  @BeforeEach
  void openDatabase() {
    database = PostgresTestDatabase.migrated("inbox_ledger_test");
    dataSource = database.newDataSource();
    jdbc = new JdbcTemplate(dataSource);
    TransactionTemplate transactions =
        new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    ledger = new InboxLedger(jdbc, transactions, clock);
    links = new LinkKeyStore(jdbc, transactions, clock);
  }

  @AfterEach
  void closeDatabase() {
    dataSource.close();
    database.close();
  }

  @Test
  void theFirstRegistrationCommitsTheRowWithTheMessagesLinkKeys() {
    InboundDelivery delivery = delivery();

    InboxLedger.Registration registration = register(delivery, new AtomicInteger());

    assertThat(registration).isEqualTo(InboxLedger.Registration.FIRST);
    assertThat(rows(delivery)).isEqualTo(1);
    assertThat(links.find(LINK_KEY, null)).hasSize(1);
  }

  @Test
  void aRegistrationWhoseLinkKeysCannotBeWrittenLeavesNoRow() {
    InboundDelivery delivery = delivery();

    assertThatThrownBy(
            () ->
                ledger.register(
                    delivery,
                    "{}",
                    () -> {
                      throw new IllegalStateException("link store unavailable");
                    }))
        .hasMessage("link store unavailable");

    assertThat(rows(delivery)).isZero();
  }

  @Test
  void aSecondRegistrationOfTheMessageFindsTheFirstAndWritesNothing() {
    InboundDelivery delivery = delivery();
    AtomicInteger written = new AtomicInteger();
    register(delivery, written);

    InboxLedger.Registration unfinished = register(delivery, written);
    ledger.markEnqueued(delivery.header().messageId(), () -> {});
    InboxLedger.Registration repeat = register(delivery, written);

    assertThat(unfinished.resumed()).isTrue();
    assertThat(unfinished.earlierReceipt()).isEmpty();
    assertThat(repeat.resumed()).isFalse();
    assertThat(repeat.earlierReceipt()).contains("{\"receipt\":1}");
    assertThat(written).hasValue(1);
    assertThat(rows(delivery)).isEqualTo(1);
  }

  @Test
  void onlyTheDeliveryThatMarksAMessageEnqueuedRunsItsRecords() {
    InboundDelivery delivery = delivery();
    register(delivery, new AtomicInteger());
    String messageId = delivery.header().messageId();
    AtomicInteger recorded = new AtomicInteger();

    boolean first = ledger.markEnqueued(messageId, recorded::incrementAndGet);
    boolean second = ledger.markEnqueued(messageId, recorded::incrementAndGet);

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(recorded).hasValue(1);
    assertThat(ledger.find(messageId).orElseThrow().status()).isEqualTo(InboundStatus.ENQUEUED);
  }

  @Test
  void aMarkWhoseRecordsFailIsUndoneAndTheNextDeliveryMarksTheMessage() {
    InboundDelivery delivery = delivery();
    register(delivery, new AtomicInteger());
    String messageId = delivery.header().messageId();

    assertThatThrownBy(
            () ->
                ledger.markEnqueued(
                    messageId,
                    () -> {
                      throw new IllegalStateException("audit trail unavailable");
                    }))
        .hasMessage("audit trail unavailable");
    assertThat(ledger.find(messageId).orElseThrow().status()).isEqualTo(InboundStatus.RECEIVED);

    AtomicInteger recorded = new AtomicInteger();
    assertThat(ledger.markEnqueued(messageId, recorded::incrementAndGet)).isTrue();
    assertThat(recorded).hasValue(1);
  }

  @Test
  void aDeliveryThatWaitsForAnothersMarkFindsTheMessageMarkedAndRecordsNothing() throws Exception {
    InboundDelivery delivery = delivery();
    register(delivery, new AtomicInteger());
    String messageId = delivery.header().messageId();
    AtomicInteger recorded = new AtomicInteger();
    CountDownLatch marking = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService deliveries = Executors.newFixedThreadPool(2);
    try {
      Future<Boolean> first =
          deliveries.submit(
              () ->
                  ledger.markEnqueued(
                      messageId,
                      () -> {
                        recorded.incrementAndGet();
                        marking.countDown();
                        await().atMost(10, TimeUnit.SECONDS).until(() -> release.getCount() == 0);
                      }));
      assertThat(marking.await(10, TimeUnit.SECONDS)).isTrue();
      Future<Boolean> second =
          deliveries.submit(() -> ledger.markEnqueued(messageId, recorded::incrementAndGet));

      // the second waits for the row the first holds until its transaction ends
      assertThatThrownBy(() -> second.get(300, TimeUnit.MILLISECONDS))
          .isInstanceOf(TimeoutException.class);
      release.countDown();

      assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(second.get(10, TimeUnit.SECONDS)).isFalse();
    } finally {
      release.countDown();
      deliveries.shutdownNow();
    }
    assertThat(recorded).hasValue(1);
  }

  private InboxLedger.Registration register(InboundDelivery delivery, AtomicInteger written) {
    return ledger.register(
        delivery,
        "{\"receipt\":1}",
        () -> {
          written.incrementAndGet();
          links.record(delivery.signedMessage().path("envelope"), delivery.caseToken());
        });
  }

  private int rows(InboundDelivery delivery) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM inbound_message WHERE message_id = ?",
        Integer.class,
        delivery.header().messageId());
  }

  private static InboundDelivery delivery() {
    ObjectNode envelope = Envelopes.referral("KZ", "kz-cpc", "KG", "kg-cpd");
    ObjectNode header = (ObjectNode) envelope.get("header");
    header.put("caseToken", "ct.kg-kz.k1.abcdefghijklmnopqrstuvwxyz");
    header.putArray("linkKeys").add(LINK_KEY);
    ObjectNode signed = JsonNodeFactory.instance.objectNode();
    signed.set("envelope", envelope);
    return new InboundDelivery(
        signed,
        EnvelopeHeader.read(envelope),
        Canonicalizer.digestHex(envelope),
        header.path("caseToken").asText(),
        "kz");
  }
}
