package org.kopir.gateway.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditStore;
import org.kopir.gateway.audit.JdbcAuditTrail;
import org.kopir.gateway.testsupport.EmbeddedStoreUrl;
import org.kopir.gateway.testsupport.NodeSchema;
import org.kopir.gateway.testsupport.PostgresTestDatabase;
import org.kopir.gateway.testsupport.TemporaryDirectories;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Durable audit appends per second with 8 concurrent writers (group commit), on the embedded H2
 * store opened as the node opens it (every commit written to the file before it returns) and on the
 * local PostgreSQL. Run: see docs/audit.md ("Benchmark").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
public class AuditAppendBenchmark {

  @Param({"h2", "postgresql"})
  public String database;

  private Path h2Directory;
  private PostgresTestDatabase postgres;
  private HikariDataSource dataSource;
  private JdbcAuditTrail trail;

  @Setup(Level.Trial)
  public void open() throws IOException {
    FluentConfiguration flyway = Flyway.configure();
    if (database.equals("h2")) {
      h2Directory = TemporaryDirectories.untilExit("kopir-audit-bench");
      HikariConfig config = new HikariConfig();
      config.setMaximumPoolSize(4);
      config.setJdbcUrl(EmbeddedStoreUrl.of(h2Directory));
      config.setUsername("sa");
      dataSource = new HikariDataSource(config);
    } else {
      postgres = PostgresTestDatabase.create("audit_bench");
      flyway = flyway.schemas(postgres.schema());
      dataSource = postgres.newDataSource();
    }
    NodeSchema.migrate(flyway, dataSource);
    trail = new JdbcAuditTrail(new AuditStore(dataSource), "kz", 512, Clock.systemUTC());
  }

  @TearDown(Level.Trial)
  public void close() {
    long records = trail.head().seq();
    long batches = trail.batchesCommitted();
    trail.close();
    dataSource.close();
    System.out.printf(
        "%n[%s] %d records in %d transactions (%.1f records per commit)%n",
        database, records, batches, batches == 0 ? 0.0 : (double) records / batches);
    if (postgres != null) {
      postgres.close();
    }
  }

  @Benchmark
  public void append() {
    trail.record(
        AuditEntry.of(AuditEvent.MESSAGE_QUEUED)
            .messageId(UUID.randomUUID().toString())
            .messageType("referral.request")
            .caseToken("case.k1.znod6ocixi2ywm5pajk6at42pq")
            .actor("agency:kz-cpc")
            .detail("digest", "3f".repeat(32))
            .build());
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(AuditAppendBenchmark.class.getSimpleName()).build())
        .run();
  }
}
