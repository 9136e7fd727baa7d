package org.kopir.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.error.ProblemControllerAdvice;
import org.kopir.gateway.leadership.Leadership;
import org.kopir.gateway.testsupport.NodeSchema;
import org.kopir.gateway.testsupport.TestPki;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The auditor API: answers, and records who read what before the data leaves. */
class AuditControllerTest {

  private static final TestPki PKI = TestPki.newCa("Audit");

  @TempDir Path dir;
  private HikariDataSource dataSource;
  private AuditStore store;
  private JdbcAuditTrail trail;
  private AuditCheckpointer checkpointer;
  private MockMvc mvc;

  @BeforeEach
  void setUp() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("kopir").toAbsolutePath());
    config.setUsername("sa");
    dataSource = new HikariDataSource(config);
    NodeSchema.migrate(dataSource);
    store = new AuditStore(dataSource);
    trail = new JdbcAuditTrail(store, "kz", 16, Clock.systemUTC());
    var key = PKI.issueSigner("kz-audit");
    checkpointer =
        new AuditCheckpointer(
            trail,
            store,
            () -> key,
            Duration.ofHours(1),
            Clock.systemUTC(),
            new Leadership("test"));
    var queries = new AuditQueryService(store, PKI::caCertificate);
    var purger = new AuditPurger(store, trail, Period.ofYears(10), Clock.systemUTC());
    mvc =
        MockMvcBuilders.standaloneSetup(new AuditController(queries, trail, purger))
            .setControllerAdvice(new ProblemControllerAdvice())
            .build();
    trail.record(
        AuditEntry.of(AuditEvent.MESSAGE_RECEIVED)
            .messageId("0193a4c2-7f3e-7cc1-9b5e-3a2f1c0d9e88")
            .actor("agency:kz-cpc")
            .build());
    trail.record(AuditEntry.of(AuditEvent.MESSAGE_QUEUED).build());
  }

  @AfterEach
  void tearDown() {
    trail.close();
    dataSource.close();
  }

  @Test
  void searchAnswersAPageAndRecordsTheViewByTheUser() throws Exception {
    mvc.perform(
            get("/api/v1/audit/records")
                .param("messageId", "0193a4c2-7f3e-7cc1-9b5e-3a2f1c0d9e88")
                .principal(() -> "alice"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.totalElements").value(1))
        .andExpect(jsonPath("$.records[0].event").value("message.received"))
        .andExpect(jsonPath("$.records[0].hash").isString());

    AuditRecord viewed = store.lastRecord().orElseThrow();
    assertThat(viewed.event()).isEqualTo("audit.viewed");
    assertThat(viewed.actor()).isEqualTo("user:alice");
    assertThat(viewed.detail().path("returned").asInt()).isEqualTo(1);
  }

  @Test
  void exportStreamsJsonLinesAndRecordsTheExportBeforeIt() throws Exception {
    String body =
        mvc.perform(get("/api/v1/audit/export"))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith("application/x-ndjson"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(body.lines()).hasSize(2);
    AuditRecord exported = store.lastRecord().orElseThrow();
    assertThat(exported.event()).isEqualTo("audit.exported");
    assertThat(exported.actor()).isEqualTo("anonymous");
    assertThat(exported.detail().path("toSeq").asLong()).isEqualTo(2);
  }

  @Test
  void checkpointsAreOneSignedLineEach() throws Exception {
    checkpointer.checkpointIfNeeded();

    String body =
        mvc.perform(get("/api/v1/audit/checkpoints").principal(() -> "auditor"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    var line = AuditJson.parseObject(body.strip());
    assertThat(line.path("checkpoint").path("seq").asLong()).isEqualTo(2);
    assertThat(line.path("signature").path("format").asText()).isEqualTo("cms-detached-v1");
  }

  @Test
  void verifyReportsTheIntegrityStatus() throws Exception {
    mvc.perform(get("/api/v1/audit/verify").principal(() -> "auditor"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("verified"))
        .andExpect(jsonPath("$.verifiedThroughSeq").value(2));
  }

  @Test
  void badQueryParameterIsAProblemWithPointer() throws Exception {
    mvc.perform(get("/api/v1/audit/records").param("from", "yesterday"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"))
        .andExpect(jsonPath("$.errors[0].pointer").value("/from"));
  }
}
