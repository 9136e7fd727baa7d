package org.kopir.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.leadership.Leadership;
import org.kopir.gateway.leadership.LeadershipConfiguration;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.testsupport.TestPki;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The Spring wiring: Flyway runs the audit migrations, the trail records, shutdown checkpoints. */
class AuditConfigurationTest {

  @TempDir Path dir;

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({NodeProperties.class, AuditProperties.class})
  @Import({AuditConfiguration.class, LeadershipConfiguration.class})
  static class Wiring {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @Test
  void contextRecordsAndSignsACheckpointAtShutdown() throws Exception {
    var pki = TestPki.newCa("Audit");
    var key = pki.issueSigner("kz-audit");
    Path keyFile = dir.resolve("node-audit.key");
    Path certFile = dir.resolve("node-audit.crt");
    try (Writer writer = Files.newBufferedWriter(keyFile);
        JcaPEMWriter pem = new JcaPEMWriter(writer)) {
      pem.writeObject(new JcaPKCS8Generator(key.privateKey(), null));
    }
    try (Writer writer = Files.newBufferedWriter(certFile);
        JcaPEMWriter pem = new JcaPEMWriter(writer)) {
      for (var certificate : key.chain()) {
        pem.writeObject(certificate);
      }
    }
    String url = "jdbc:h2:file:" + dir.resolve("kopir").toAbsolutePath();
    var runner =
        new ApplicationContextRunner()
            .withConfiguration(
                AutoConfigurations.of(
                    DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class))
            .withUserConfiguration(Wiring.class)
            .withPropertyValues(
                "spring.datasource.url=" + url,
                "spring.datasource.username=sa",
                "kopir.node=kz",
                "kopir.country=KZ",
                "kopir.audit.signing-key=" + keyFile,
                "kopir.audit.signing-certificate=" + certFile);

    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          // Only the leading replica signs, at shutdown too; a lone replica leads at once.
          await()
              .atMost(java.time.Duration.ofSeconds(10))
              .until(context.getBean(Leadership.class)::isLeader);
          context
              .getBean(AuditTrail.class)
              .record(AuditEntry.of(AuditEvent.CONFIG_CHANGED).build());
          assertThat(context.getBean(AuditQueryService.class).verify().intact()).isTrue();
        });

    try (var connection = java.sql.DriverManager.getConnection(url, "sa", "");
        var statement = connection.createStatement();
        var result = statement.executeQuery("SELECT MAX(seq) FROM audit_checkpoint")) {
      result.next();
      assertThat(result.getLong(1)).as("checkpoint signed at shutdown").isEqualTo(1);
    }

    runner.run(
        context -> {
          var queries = context.getBean(AuditQueryService.class);
          assertThat(queries.checkpoints(0, Long.MAX_VALUE))
              .extracting(Checkpoint::seq)
              .contains(1L);
          assertThat(queries.verify().checkpointsMatched()).isPositive();
        });
  }
}
