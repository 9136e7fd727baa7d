package org.kopir.gateway.embeddeddb;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.kopir.gateway.leadership.Leadership;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The embedded H2 store's compaction and syncing, and their meters, for a node whose {@code
 * spring.datasource.url} names an H2 database in a file that this process opens.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.EmbeddedH2File.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedDatabaseConfiguration {

  @Bean
  EmbeddedStoreCompaction embeddedStoreCompaction(
      DataSource dataSource,
      EmbeddedDatabaseProperties properties,
      Leadership leadership,
      MeterRegistry registry) {
    EmbeddedStoreCompaction compaction =
        new EmbeddedStoreCompaction(dataSource, properties, leadership);
    Gauge.builder("kopir.embedded.database.file", compaction::fileBytes)
        .baseUnit("bytes")
        .description("Size of the embedded H2 store file at the last compaction pass")
        .register(registry);
    Gauge.builder("kopir.embedded.database.fill", compaction::fillPercent)
        .baseUnit("percent")
        .description("Share of the store file's chunks filled by live data at the last pass")
        .register(registry);
    FunctionTimer.builder(
            "kopir.embedded.database.sync",
            compaction,
            EmbeddedStoreCompaction::syncs,
            EmbeddedStoreCompaction::syncNanos,
            TimeUnit.NANOSECONDS)
        .description("The passes' syncs of the store file to disk")
        .register(registry);
    return compaction;
  }

  /** An H2 URL in embedded file mode: not in memory, not over TCP or TLS to a server. */
  static final class EmbeddedH2File implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return embeddedFile(context.getEnvironment().getProperty("spring.datasource.url", ""));
    }

    static boolean embeddedFile(String url) {
      if (!url.startsWith("jdbc:h2:")) {
        return false;
      }
      String rest = url.substring("jdbc:h2:".length());
      return !rest.startsWith("mem:") && !rest.startsWith("tcp:") && !rest.startsWith("ssl:");
    }
  }
}
