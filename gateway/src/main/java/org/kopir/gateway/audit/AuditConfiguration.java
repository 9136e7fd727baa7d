package org.kopir.gateway.audit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.kopir.gateway.crypto.PemFiles;
import org.kopir.gateway.crypto.SigningCredential;
import org.kopir.gateway.leadership.Leadership;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the audit trail over the application's DataSource (H2 by default, PostgreSQL in
 * production).
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

  /** Registered with Flyway by Spring Boot: the PostgreSQL append-only guard (version 2.1). */
  @Bean
  AuditAppendOnlyMigration auditAppendOnlyMigration() {
    return new AuditAppendOnlyMigration();
  }

  @Bean
  @DependsOnDatabaseInitialization
  AuditStore auditStore(DataSource dataSource) {
    return new AuditStore(dataSource);
  }

  @Bean(destroyMethod = "close")
  @DependsOnDatabaseInitialization
  JdbcAuditTrail auditTrail(AuditStore store, NodeProperties node, AuditProperties properties) {
    return new JdbcAuditTrail(
        store,
        node.getNode(),
        properties.getBatchSize(),
        properties.getCommitDelay(),
        Clock.systemUTC());
  }

  /** How many commits the audit writer made, and how many steps' appends they carried. */
  @Bean
  MeterBinder auditWriterMeters(JdbcAuditTrail trail) {
    return registry -> {
      FunctionCounter.builder("kopir.audit.commits", trail, JdbcAuditTrail::batchesCommitted)
          .description("Transactions the audit writer committed")
          .register(registry);
      FunctionCounter.builder("kopir.audit.appends", trail, JdbcAuditTrail::appendsCommitted)
          .description("Steps' appends those transactions carried, each with its records")
          .register(registry);
    };
  }

  @Bean
  AuditCheckpointer auditCheckpointer(
      JdbcAuditTrail trail,
      AuditStore store,
      NodeProperties node,
      AuditProperties properties,
      Leadership leadership) {
    Path key = properties.signingKeyFor(node.getNode());
    Path certificate = properties.signingCertificateFor(node.getNode());
    return new AuditCheckpointer(
        trail,
        store,
        () -> loadCredential(key, certificate),
        properties.getCheckpointInterval(),
        Clock.systemUTC(),
        leadership);
  }

  @Bean
  AuditQueryService auditQueryService(
      AuditStore store, NodeProperties node, AuditProperties properties) {
    return new AuditQueryService(store, () -> trustAnchor(properties, node.getNode()));
  }

  @Bean
  AuditPurger auditPurger(AuditStore store, JdbcAuditTrail trail, AuditProperties properties) {
    return new AuditPurger(store, trail, properties.getRetention(), Clock.systemUTC());
  }

  private static SigningCredential loadCredential(Path key, Path certificate) {
    try {
      return PemFiles.readCredential(key, certificate);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "audit signing key or certificate cannot be read (kopir.audit.signing-key,"
              + " kopir.audit.signing-certificate): "
              + key
              + ", "
              + certificate,
          e);
    }
  }

  private static X509Certificate trustAnchor(AuditProperties properties, String node) {
    if (properties.getTrustAnchor() != null) {
      return PemFiles.readCertificate(properties.getTrustAnchor());
    }
    List<X509Certificate> chain = PemFiles.readCertificates(properties.signingCertificateFor(node));
    return chain.get(chain.size() - 1);
  }
}
