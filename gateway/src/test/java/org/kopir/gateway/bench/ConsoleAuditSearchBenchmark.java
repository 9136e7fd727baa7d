package org.kopir.gateway.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.kopir.gateway.console.data.AuditFilter;
import org.kopir.gateway.console.data.ConsoleQueries;
import org.kopir.gateway.testsupport.EmbeddedStoreUrl;
import org.kopir.gateway.testsupport.NodeSchema;
import org.kopir.gateway.testsupport.PostgresTestDatabase;
import org.kopir.gateway.testsupport.TemporaryDirectories;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * First page (50 records) of console audit searches over 1,000,000 audit records, and the
 * dashboard's queries, on an H2 file database and on local PostgreSQL. Prints figures (median and
 * 95th percentile of 25 runs after 5 warm-ups); asserts nothing. The records span 30 days, time
 * rising with seq as on a node; hashes are filler (searching does not verify).
 *
 * <pre>
 * ./mvnw -B -q test-compile -pl gateway
 * ./mvnw -B -q dependency:build-classpath -pl gateway -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * java -cp gateway/target/test-classes:gateway/target/classes:$(cat /tmp/cp.txt) \
 *   org.kopir.gateway.bench.ConsoleAuditSearchBenchmark [records] [h2|postgres|both]
 * </pre>
 */
public final class ConsoleAuditSearchBenchmark {

  static final String[] EVENTS = {
    "message.received", "message.pseudonymized", "message.signed", "message.queued",
    "delivery.attempted", "receipt.received", "message.delivered", "audit.viewed",
    "delivery.failed", "message.rejected"
  };
  static final String[] AGENCIES = {"kz-cpc", "kz-almaty-guardianship"};

  private ConsoleAuditSearchBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String which = args.length > 1 ? args[1] : "both";
    Instant now = Instant.now();
    if (!which.equals("postgres")) {
      Path dir = TemporaryDirectories.untilExit("kopir-console-bench");
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(EmbeddedStoreUrl.of(dir));
      config.setUsername("sa");
      try (HikariDataSource h2 = new HikariDataSource(config)) {
        run("H2 (file)", h2, records, now);
      }
    }
    if (!which.equals("h2")) {
      try (PostgresTestDatabase postgres = PostgresTestDatabase.create("console_bench")) {
        run("PostgreSQL", postgres.dataSource(), records, now);
      }
    }
  }

  static void run(String name, DataSource dataSource, int records, Instant now) throws Exception {
    NodeSchema.migrate(dataSource);
    long started = System.nanoTime();
    String probeMessage = fill(dataSource, records, now);
    System.out.printf(
        Locale.ROOT,
        "%s: %,d records inserted in %.1f s%n",
        name,
        records,
        (System.nanoTime() - started) / 1e9);
    try (Connection c = dataSource.getConnection();
        var s = c.createStatement()) {
      s.execute(
          name.startsWith("PostgreSQL") ? "ANALYZE audit_record" : "ANALYZE TABLE audit_record");
    }
    ConsoleQueries queries = new ConsoleQueries(new JdbcTemplate(dataSource));
    Instant dayAgo = now.minus(Duration.ofDays(1));
    Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
    cases.put(
        "default (last 24 h, no filter)",
        () -> page(queries, filter(null, null, null, null, null, dayAgo)));
    cases.put(
        "event=delivery.failed, 24 h",
        () -> page(queries, filter(null, null, "delivery.failed", null, null, dayAgo)));
    cases.put(
        "agency=kz-cpc, 24 h",
        () -> page(queries, filter(null, "kz-cpc", null, null, null, dayAgo)));
    cases.put(
        "messageId, all time",
        () -> page(queries, filter(probeMessage, null, null, null, null, null)));
    cases.put(
        "actor=user:auditor, all time",
        () -> page(queries, filter(null, null, null, "user:auditor", null, null)));
    cases.put(
        "outcome=refused, all time",
        () -> page(queries, filter(null, null, null, null, "refused", null)));
    cases.put(
        "event=message.rejected, all time",
        () -> page(queries, filter(null, null, "message.rejected", null, null, null)));
    cases.put(
        "default, a later page (before = head - 10,000)",
        () ->
            queries.searchAudit(
                filter(null, null, null, null, null, dayAgo), (long) records - 10_000, null, 50));
    cases.put(
        "agency=kz-cpc, all time",
        () -> page(queries, filter(null, "kz-cpc", null, null, null, null)));
    cases.put(
        "no filter, all time", () -> page(queries, filter(null, null, null, null, null, null)));
    cases.put(
        "dashboard: deliveries, last day", () -> queries.eventTimes("message.delivered", dayAgo));
    cases.put("dashboard: failures, last day", () -> queries.eventTimes("delivery.failed", dayAgo));
    cases.put(
        "dashboard: last delivery",
        () -> queries.lastEvent("message.delivered", now.minus(Duration.ofDays(30))));
    cases.put("dashboard: outbound by status", queries::outboundByStatus);
    for (var entry : cases.entrySet()) {
      double[] ms = time(entry.getValue());
      System.out.printf(
          Locale.ROOT,
          "%s | %-46s | median %7.1f ms | p95 %7.1f ms | %s%n",
          name,
          entry.getKey(),
          ms[0],
          ms[1],
          size(entry.getValue().get()));
    }
  }

  /** How much a query returned, so that a fast answer is seen to be a real one. */
  static String size(Object result) {
    if (result instanceof org.kopir.gateway.console.data.AuditSlice slice) {
      return slice.records().size() + " records";
    }
    if (result instanceof java.util.Collection<?> rows) {
      return rows.size() + " rows";
    }
    if (result instanceof Map<?, ?> rows) {
      return rows.size() + " groups";
    }
    if (result instanceof java.util.Optional<?> found) {
      return found.isPresent() ? "found" : "none";
    }
    return String.valueOf(result);
  }

  static Object page(ConsoleQueries queries, AuditFilter filter) {
    return queries.searchAudit(filter, null, null, 50);
  }

  static AuditFilter filter(
      String messageId, String agency, String event, String actor, String outcome, Instant from) {
    return new AuditFilter(
        messageId, null, agency, event, outcome, actor, from, null, null, null, List.of());
  }

  static double[] time(Supplier<Object> query) {
    for (int i = 0; i < 5; i++) {
      query.get();
    }
    double[] ms = new double[25];
    for (int i = 0; i < ms.length; i++) {
      long t = System.nanoTime();
      query.get();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return new double[] {ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.95) - 1]};
  }

  /** Inserts {@code records} rows over the 30 days before {@code now}; returns one message id. */
  static String fill(DataSource dataSource, int records, Instant now) throws Exception {
    Instant start = now.minus(Duration.ofDays(30));
    long spanMillis = Duration.ofDays(30).toMillis();
    String filler = "0".repeat(64);
    List<String> messages = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO audit_record (seq, recorded_at, node, event, message_id, message_type,"
                  + " case_token, actor, outcome, detail, prev_hash, hash)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        String message = null;
        for (int seq = 1; seq <= records; seq++) {
          if (seq % 8 == 1) {
            message = UUID.randomUUID().toString();
            messages.add(message);
          }
          String event = EVENTS[seq % EVENTS.length];
          boolean person = event.equals("audit.viewed");
          insert.setLong(1, seq);
          insert.setObject(
              2,
              OffsetDateTime.ofInstant(
                  start.plusMillis(spanMillis * seq / (records + 1)), ZoneOffset.UTC));
          insert.setString(3, "kz");
          insert.setString(4, event);
          insert.setString(5, person ? null : message);
          insert.setString(6, person ? null : "referral.request");
          insert.setString(7, person ? null : "case.k1." + message.substring(0, 8));
          insert.setString(
              8,
              person ? "user:auditor" : seq % 8 < 4 ? "agency:" + AGENCIES[(seq / 8) % 2] : "node");
          insert.setString(
              9,
              event.equals("message.rejected")
                  ? "refused"
                  : event.equals("delivery.failed") ? "failed" : "ok");
          insert.setString(10, "{}");
          insert.setString(11, filler);
          insert.setString(12, filler);
          insert.addBatch();
          if (seq % 5000 == 0) {
            insert.executeBatch();
            connection.commit();
          }
        }
        insert.executeBatch();
        connection.commit();
      }
    }
    return messages.get(messages.size() / 2);
  }
}
