package org.kopir.gateway.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditQueryService;
import org.kopir.gateway.audit.AuditRecord;
import org.kopir.gateway.audit.AuditStore;
import org.kopir.gateway.audit.JdbcAuditTrail;
import org.kopir.gateway.broker.QueueNames;
import org.kopir.gateway.testsupport.PostgresTestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erasure of a case on PostgreSQL (SPEC §13.4): it waits for messages still on their way, removes
 * every row of the case in one transaction, and an erasure interrupted after its audit record
 * resumes with neither a lost nor a second {@code case.erased}, and the chain still verifies.
 */
class CaseErasurePostgresTest {

  private static final String KEY = "case.k1.aaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String PARTNER_TOKEN = "case.k1.bbbbbbbbbbbbbbbbbbbbbbbbbb";
  private static final String OTHER_CASE = "case.k1.cccccccccccccccccccccccccc";

  private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
  private PostgresTestDatabase database;
  private HikariDataSource dataSource;
  private JdbcTemplate jdbc;
  private AuditStore auditStore;
  private JdbcAuditTrail trail;
  private CaseStore cases;
  private boolean failDeletion;
  private CaseErasure erasure;

  @BeforeEach
  void openDatabase() {
    database = PostgresTestDatabase.migrated("case_test");
    dataSource = database.newDataSource();
    jdbc = new JdbcTemplate(dataSource);
    auditStore = new AuditStore(dataSource);
    trail = new JdbcAuditTrail(auditStore, "kg", 64, clock);
    cases = new CaseStore(jdbc, clock);
    JdbcTemplate crashing =
        new JdbcTemplate(dataSource) {
          @Override
          public int update(String sql, Object... args) {
            if (failDeletion && sql.startsWith("DELETE FROM inbound_message")) {
              throw new IllegalStateException("the node stopped here");
            }
            return super.update(sql, args);
          }
        };
    erasure =
        new CaseErasure(
            crashing,
            new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
            cases,
            new JmsTemplate(new ActiveMQConnectionFactory("vm://0")),
            new QueueNames(),
            trail,
            auditStore,
            clock);
  }

  @AfterEach
  void closeDatabase() {
    trail.close();
    dataSource.close();
    database.close();
  }

  @Test
  void aCaseWaitsWhileOneOfItsMessagesIsOnItsWayAndIsErasedOnceItSettles() {
    caseWithMessages("QUEUED");

    assertThat(erasure.erase(KEY)).isFalse();
    assertThat(rows("outbound_message")).isEqualTo(1);

    jdbc.update("UPDATE outbound_message SET status = 'DELIVERED'");

    assertThat(erasure.erase(KEY)).isTrue();
    assertThat(rows("outbound_message")).isZero();
    assertThat(rows("inbound_message")).isEqualTo(1);
    assertThat(rows("link_key")).isEqualTo(2);
    assertThat(cases.state(KEY).orElseThrow().erasedAt()).isNotNull();
  }

  @Test
  void everyRowOfTheCaseAndItsAliasesGoesAndOtherCasesStay() {
    caseWithMessages("DELIVERED");

    assertThat(erasure.erase(KEY)).isTrue();

    assertThat(jdbc.queryForList("SELECT message_id FROM inbound_message", String.class))
        .containsExactly("other-received");
    assertThat(jdbc.queryForList("SELECT DISTINCT message_id FROM link_key", String.class))
        .containsExactly("other-received");
    assertThat(rows("dead_letter")).isZero();
    assertThat(rows("dead_letter_receipt")).isZero();
    AuditRecord erased = single();
    assertThat(erased.detail().path("messagesSent").asInt()).isEqualTo(1);
    assertThat(erased.detail().path("messagesReceived").asInt()).isEqualTo(1);
    assertThat(erased.detail().path("linkKeys").asInt()).isEqualTo(2);
    assertThat(erased.detail().path("deadLetters").asInt()).isEqualTo(1);
    assertThat(erased.detail().path("parkedReceipts").asInt()).isEqualTo(1);
    assertThat(erased.detail().path("reason").asText()).isEqualTo("retention");
    assertThat(erased.detail().toString()).doesNotContain("received-1", "sent-1");
  }

  @Test
  void anErasureInterruptedAfterItsAuditRecordResumesWithTheFirstCountsAndNoSecondRecord() {
    caseWithMessages("DELIVERED");
    failDeletion = true;

    assertThatThrownBy(() -> erasure.erase(KEY)).hasMessageContaining("stopped");
    assertThat(rows("outbound_message")).isEqualTo(1);
    assertThat(cases.state(KEY).orElseThrow().erasedAt()).isNull();
    assertThat(single().detail().path("linkKeys").asInt()).isEqualTo(2);
    jdbc.update("DELETE FROM link_key WHERE message_id = 'received-1' AND link_key = 'pid.k1.b'");

    failDeletion = false;
    assertThat(erasure.erase(KEY)).isTrue();
    assertThat(erasure.erase(KEY)).isTrue();

    assertThat(single().detail().path("linkKeys").asInt()).isEqualTo(2);
    assertThat(rows("outbound_message")).isZero();
    assertThat(new AuditQueryService(auditStore, () -> null).verify().intact()).isTrue();
  }

  private AuditRecord single() {
    List<AuditRecord> records = auditStore.byCaseToken(KEY, AuditEvent.CASE_ERASED);
    assertThat(records).hasSize(1);
    return records.get(0);
  }

  /** One sent message, one received under the partner's token (an alias), one of another case. */
  private void caseWithMessages(String sentStatus) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update(
        "INSERT INTO outbound_message (message_id, content_digest, envelope_digest, message_type,"
            + " sender_agency, recipient_agency, case_token, priority, status, attempts,"
            + " created_at, updated_at) VALUES ('sent-1', ?, ?, 'referral.request', 'kg-cpd',"
            + " 'kz-cpc', ?, 'normal', ?, 0, ?, ?)",
        "0".repeat(64),
        "0".repeat(64),
        KEY,
        sentStatus,
        now,
        now);
    inbound("received-1", PARTNER_TOKEN, now);
    inbound("other-received", OTHER_CASE, now);
    jdbc.update(
        "INSERT INTO dead_letter (message_id, message_type, recipient_agency, priority,"
            + " envelope_digest, signed_message, reason, attempts, dead_lettered_at)"
            + " VALUES ('sent-1', 'referral.request', 'kz-cpc', 'normal', ?, '{}',"
            + " 'ATTEMPTS_EXHAUSTED', 3, ?)",
        "0".repeat(64),
        now);
    jdbc.update("INSERT INTO dead_letter_receipt (message_id, attempts) VALUES ('received-1', 2)");
    cases.join(PARTNER_TOKEN, KEY);
    cases.scheduleErasure(KEY, clock.instant(), "retention");
  }

  private void inbound(String messageId, String caseToken, Timestamp at) {
    jdbc.update(
        "INSERT INTO inbound_message (message_id, envelope_digest, message_type, sender_agency,"
            + " recipient_agency, case_token, status, receipt, received_at) VALUES (?, ?,"
            + " 'referral.response', 'kz-cpc', 'kg-cpd', ?, 'RETRIEVED', '{}', ?)",
        messageId,
        "0".repeat(64),
        caseToken,
        at);
    for (String linkKey : List.of("pid.k1.a", "pid.k1.b")) {
      jdbc.update(
          "INSERT INTO link_key (link_key, message_id, message_type, case_token,"
              + " recipient_agency, received_at) VALUES (?, ?, 'referral.response', ?, 'kg-cpd',"
              + " ?)",
          linkKey,
          messageId,
          caseToken,
          at);
    }
  }

  private int rows(String table) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
  }
}
