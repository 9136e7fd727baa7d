package org.kopir.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuProfileTest {

  @Test
  void canonicalizationInsideASignatureCountsAsSigning() {
    assertThat(
            CpuProfile.classify(
                List.of(
                    "com.fasterxml.jackson.core.json.UTF8JsonGenerator",
                    "org.kopir.gateway.crypto.Canonicalizer",
                    "org.kopir.gateway.crypto.MessageSigner",
                    "org.apache.camel.component.bean.BeanProcessor",
                    "org.apache.tomcat.util.threads.ThreadPoolExecutor")))
        .isEqualTo("signing");
  }

  @Test
  void jdbcWritesOfTheAuditTrailCountAsAudit() {
    assertThat(
            CpuProfile.classify(
                List.of(
                    "org.h2.mvstore.MVStore",
                    "com.zaxxer.hikari.pool.ProxyPreparedStatement",
                    "org.kopir.gateway.audit.JdbcAuditTrail")))
        .isEqualTo("audit trail");
  }

  @Test
  void theEmbeddedDatabasesCommitCountsAsCommitWhicheverStepCommits() {
    assertThat(
            CpuProfile.classify(
                List.of(
                    "sun.nio.ch.UnixFileDispatcherImpl.pwrite0",
                    "org.h2.mvstore.MVStore.storeNow",
                    "org.h2.mvstore.MVStore.store",
                    "org.h2.mvstore.MVStore.commit",
                    "com.zaxxer.hikari.pool.ProxyConnection.commit",
                    "org.kopir.gateway.audit.AuditStore.append",
                    "org.kopir.gateway.audit.JdbcAuditTrail.writeBatch")))
        .isEqualTo("database commit");
    assertThat(
            CpuProfile.classify(
                List.of(
                    "org.h2.mvstore.MVStore.readPage",
                    "org.kopir.gateway.audit.AuditStore.byMessageId")))
        .isEqualTo("audit trail");
  }

  @Test
  void tlsUnderTheServletContainerCountsAsTls() {
    assertThat(
            CpuProfile.classify(
                List.of(
                    "sun.security.ssl.SSLEngineImpl",
                    "org.apache.tomcat.util.net.SecureNioChannel",
                    "org.apache.tomcat.util.net.NioEndpoint")))
        .isEqualTo("TLS");
  }

  @Test
  void identityBlockCheckOfTheRecipientCertificateCountsAsIdentityBlock() {
    assertThat(
            CpuProfile.classify(
                List.of(
                    "sun.security.provider.certpath.PKIXCertPathValidator",
                    "org.kopir.gateway.crypto.CertificateTrust",
                    "org.kopir.gateway.crypto.IdentityBlockCipher")))
        .isEqualTo("identity block seal/open");
  }

  @Test
  void stacksOfNoKnownLibraryAreOther() {
    assertThat(CpuProfile.classify(List.of("java.util.HashMap", "java.lang.Thread")))
        .isEqualTo("other");
  }
}
