package org.kopir.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void aRecordingOfThisJvmIsCountedByTheCategoryOfTheWorkSampled(@TempDir Path dir)
      throws Exception {
    Path file = recordJsonParsing(dir.resolve("samples.jfr"), recording -> {});

    CpuProfile.Samples samples = new CpuProfile.Samples();
    CpuProfile.readEvents(file, samples);

    long recorded =
        RecordingFile.readAllEvents(file).stream()
            .filter(event -> event.getEventType().getName().equals("jdk.ExecutionSample"))
            .filter(event -> event.getStackTrace() != null)
            .count();
    assertThat(samples.breakdown()).isNotEmpty();
    assertThat(samples.breakdown().keySet()).first().isEqualTo("JSON read/write");
    assertThat(samples.breakdown().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(recorded);
  }

  @Test
  void cpuTimeSamplesTakeThePlaceOfExecutionSamplesWhenTheRecordingHasThem(@TempDir Path dir)
      throws Exception {
    assumeTrue(CpuProfile.cpuTimeSamplesSupported(), "CPU-time samples need JDK 25");
    Path file =
        recordJsonParsing(
            dir.resolve("cpu-time.jfr"),
            recording -> {
              recording.enable("jdk.CPUTimeSample").with("throttle", "5ms");
              recording.enable("jdk.CPUTimeSamplesLost");
            });

    CpuProfile.Samples samples = new CpuProfile.Samples();
    CompilerWork.Tally compiled = new CompilerWork.Tally();
    CpuProfile.readEvents(file, samples.andThen(compiled));

    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    long cpuTime =
        events.stream()
            .filter(event -> event.getEventType().getName().equals("jdk.CPUTimeSample"))
            .count();
    long lost =
        events.stream()
            .filter(event -> event.getEventType().getName().equals("jdk.CPUTimeSamplesLost"))
            .mapToLong(event -> event.getLong("lostSamples"))
            .sum();
    assertThat(cpuTime).isPositive();
    assertThat(samples.breakdown().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(cpuTime + lost);
    // The compilation events were not enabled: one pass, and each reader took only its own.
    assertThat(compiled.build().compilations()).isZero();
  }

  /**
   * Records this JVM's execution samples, and what {@code enable} adds, into {@code file} while
   * this thread parses JSON.
   */
  private static Path recordJsonParsing(Path file, Consumer<Recording> enable) throws Exception {
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      enable.accept(recording);
      recording.start();
      parseJsonFor(Duration.ofMillis(800));
      recording.stop();
      recording.dump(file);
    }
    return file;
  }

  /** Keeps this thread in Jackson's parser for {@code time}. */
  private static void parseJsonFor(Duration time) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    String json =
        "{\"header\":{\"messageId\":\"m-1\",\"sentAt\":\"2026-12-04T10:00:00Z\"},"
            + "\"payload\":{\"children\":[1,2,3,4,5,6,7,8,9,10],\"note\":\"text\"}}";
    long end = System.nanoTime() + time.toNanos();
    long fields = 0;
    while (System.nanoTime() < end) {
      fields += mapper.readTree(json).size();
    }
    assertThat(fields).isPositive();
  }
}
