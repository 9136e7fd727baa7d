package org.kopir.gateway.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditStore;
import org.kopir.gateway.audit.JdbcAuditTrail;
import org.kopir.gateway.testsupport.EmbeddedStoreUrl;
import org.kopir.gateway.testsupport.NodeSchema;
import org.kopir.gateway.testsupport.TemporaryDirectories;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What the audit trail's secondary indexes cost the embedded store's commits. The records are
 * appended through the node's own trail ({@link JdbcAuditTrail}) onto the node's schema (Flyway's
 * migrations) in H2 opened as the node opens it ({@link EmbeddedStoreUrl}), as a node's steps
 * append them: one commit a step, a few records of one message each, on a trail that already holds
 * many. Each variant runs on a store of its own: all of {@code audit_record}'s secondary indexes,
 * none, and each one left out in turn. Prints the CPU and the bytes written to the store's file per
 * commit; asserts nothing. The searches the indexes serve are timed by {@link
 * ConsoleAuditSearchBenchmark}.
 *
 * <pre>
 * java -cp gateway/target/test-classes:gateway/target/classes:$(cat /tmp/cp.txt) \
 *   org.kopir.gateway.bench.AuditIndexCost [--before 60000] [--commits 3000] [--records 3] \
 *   [--rounds 3] [--message-ids random|time-ordered]
 * </pre>
 *
 * <p>{@code --before}: records in the trail before the measured commits; {@code --records}: records
 * a commit; {@code --message-ids}: as {@link EndToEndBench}'s, version 4 or 7 ({@link MessageIds});
 * case tokens are random, as a keyed pseudonym is. The CPU is the whole process's ({@code
 * OperatingSystemMXBean}: the caller and the trail's writer, H2 runs in both), the bytes are what
 * the process wrote ({@code wchar} of {@code /proc/self/io}). A first round, not printed, warms the
 * JIT up; the rounds after it run the variants in turn, and each figure is the median of its
 * rounds. The node's upkeep passes over the store's file do not run here.
 */
public final class AuditIndexCost {

  private static final AuditEvent[] EVENTS = {
    AuditEvent.MESSAGE_RECEIVED,
    AuditEvent.MESSAGE_PSEUDONYMIZED,
    AuditEvent.MESSAGE_SIGNED,
    AuditEvent.MESSAGE_QUEUED,
    AuditEvent.DELIVERY_ATTEMPTED,
    AuditEvent.RECEIPT_RECEIVED,
    AuditEvent.MESSAGE_DELIVERED,
    AuditEvent.BORDER_VERIFIED,
    AuditEvent.INBOX_ENQUEUED,
    AuditEvent.RECEIPT_SENT
  };

  /** One variant's figures per commit. */
  record Cost(double cpuMicros, double kilobytes) {}

  private AuditIndexCost() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = EndToEndBench.arguments(args);
    int before = Integer.parseInt(options.getOrDefault("before", "60000"));
    int commits = Integer.parseInt(options.getOrDefault("commits", "3000"));
    int perCommit = Integer.parseInt(options.getOrDefault("records", "3"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    MessageIds ids =
        MessageIds.named(options.getOrDefault("message-ids", MessageIds.RANDOM.label()));
    List<String> indexes = secondaryIndexes();
    Map<String, List<String>> variants = new LinkedHashMap<>();
    variants.put("all " + indexes.size() + " indexes", List.of());
    variants.put("no secondary index", indexes);
    for (String index : indexes) {
      variants.put("without " + index, List.of(index));
    }
    for (List<String> dropped : variants.values()) {
      measure(dropped, before, commits, perCommit, ids);
    }
    Map<String, List<Cost>> costs = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (var variant : variants.entrySet()) {
        costs
            .computeIfAbsent(variant.getKey(), key -> new ArrayList<>())
            .add(measure(variant.getValue(), before, commits, perCommit, ids));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%,d records before, %,d commits of %d records each, message ids %s, median of %d"
            + " rounds%n",
        before,
        commits,
        perCommit,
        ids.label(),
        rounds);
    for (var variant : costs.entrySet()) {
      System.out.printf(
          Locale.ROOT,
          "%-40s | %7.1f µs CPU per commit | %6.1f KB written per commit%n",
          variant.getKey(),
          median(variant.getValue().stream().mapToDouble(Cost::cpuMicros).toArray()),
          median(variant.getValue().stream().mapToDouble(Cost::kilobytes).toArray()));
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /**
   * {@code audit_record}'s secondary indexes as the node's migrations create them, read from a
   * schema migrated in memory.
   */
  static List<String> secondaryIndexes() throws SQLException {
    DriverManagerDataSource schema =
        new DriverManagerDataSource(
            "jdbc:h2:mem:audit-index-cost-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    NodeSchema.migrate(schema);
    try (Connection connection = schema.getConnection();
        Statement statement = connection.createStatement()) {
      List<String> indexes = new ArrayList<>();
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES"
                  + " WHERE TABLE_NAME = 'AUDIT_RECORD' AND INDEX_TYPE_NAME = 'INDEX'"
                  + " ORDER BY INDEX_NAME")) {
        while (rows.next()) {
          indexes.add(rows.getString(1).toLowerCase(Locale.ROOT));
        }
      }
      statement.execute("SHUTDOWN");
      return indexes;
    }
  }

  /** One variant on a store of its own: {@code dropped} indexes removed after the migrations. */
  static Cost measure(List<String> dropped, int before, int commits, int perCommit, MessageIds ids)
      throws Exception {
    Path directory = TemporaryDirectories.untilExit("kopir-audit-index-cost");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(EmbeddedStoreUrl.of(directory));
    config.setUsername("sa");
    config.setMaximumPoolSize(2);
    try (HikariDataSource dataSource = new HikariDataSource(config)) {
      NodeSchema.migrate(dataSource);
      drop(dataSource, dropped);
      JdbcAuditTrail trail =
          new JdbcAuditTrail(new AuditStore(dataSource), "kz", 512, Clock.systemUTC());
      try {
        for (int i = 0; i < before; i += 500) {
          List<AuditEntry> many = new ArrayList<>();
          for (int j = 0; j < 500; j += perCommit) {
            many.addAll(step(perCommit, i + j, ids));
          }
          trail.recordAll(many);
        }
        long cpu = processCpuNanos();
        long written = bytesWritten();
        for (int i = 0; i < commits; i++) {
          trail.recordAll(step(perCommit, i, ids));
        }
        return new Cost(
            (processCpuNanos() - cpu) / 1e3 / commits,
            (bytesWritten() - written) / 1024.0 / commits);
      } finally {
        trail.close();
      }
    }
  }

  /** A step's records: one message and its case, events and actors as a node's steps have them. */
  static List<AuditEntry> step(int records, int index, MessageIds ids) {
    String message = ids.next();
    String caseToken = "case.k1." + UUID.randomUUID().toString().replace("-", "");
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      AuditEvent event = EVENTS[(index + i) % EVENTS.length];
      entries.add(
          AuditEntry.of(event)
              .messageId(message)
              .messageType("referral.request")
              .caseToken(caseToken)
              .actor(i == 0 ? "agency:kz-cpc" : "node")
              .detail("digest", UUID.randomUUID().toString().replace("-", "").repeat(2))
              .detail("partner", "kg")
              .build());
    }
    return entries;
  }

  private static void drop(HikariDataSource dataSource, List<String> indexes) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String index : indexes) {
        statement.execute("DROP INDEX " + index);
      }
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Bytes this process has written through system calls ({@code wchar} of /proc/self/io). */
  private static long bytesWritten() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
      if (line.startsWith("wchar:")) {
        return Long.parseLong(line.substring("wchar:".length()).trim());
      }
    }
    throw new IllegalStateException("no wchar in /proc/self/io");
  }
}
