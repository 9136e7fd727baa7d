package org.kopir.gateway.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Audit trail settings, bound from {@code kopir.audit.*}. */
@ConfigurationProperties("kopir.audit")
public class AuditProperties {

  /** How often a checkpoint is signed while records are added (SPEC §7: at most 60 s). */
  private Duration checkpointInterval = Duration.ofSeconds(60);

  /** PEM private key of the node's audit key; default {@code certs-dev/<node>/node-audit.key}. */
  private Path signingKey;

  /**
   * PEM certificate (chain) of the audit key, signer first; default {@code
   * certs-dev/<node>/node-audit.crt}.
   */
  private Path signingCertificate;

  /**
   * PEM certificate of the audit CA that the node's own verify endpoint trusts. Default: the last
   * certificate of {@link #signingCertificate} (the top of its chain).
   */
  private Path trustAnchor;

  /** How long records are kept before {@code audit.purged} may remove them. */
  private Period retention = Period.ofYears(10);

  /** Most records written in one transaction. */
  private int batchSize = 512;

  /**
   * How long the audit writer, while steps record at the same time, waits for more appends before
   * it commits a batch: fewer, larger commits under load. Zero commits at once.
   */
  private Duration commitDelay = Duration.ZERO;

  public Path signingKeyFor(String node) {
    return signingKey != null ? signingKey : Path.of("certs-dev", node, "node-audit.key");
  }

  public Path signingCertificateFor(String node) {
    return signingCertificate != null
        ? signingCertificate
        : Path.of("certs-dev", node, "node-audit.crt");
  }

  public Duration getCheckpointInterval() {
    return checkpointInterval;
  }

  public void setCheckpointInterval(Duration checkpointInterval) {
    this.checkpointInterval = checkpointInterval;
  }

  public Path getSigningKey() {
    return signingKey;
  }

  public void setSigningKey(Path signingKey) {
    this.signingKey = signingKey;
  }

  public Path getSigningCertificate() {
    return signingCertificate;
  }

  public void setSigningCertificate(Path signingCertificate) {
    this.signingCertificate = signingCertificate;
  }

  public Path getTrustAnchor() {
    return trustAnchor;
  }

  public void setTrustAnchor(Path trustAnchor) {
    this.trustAnchor = trustAnchor;
  }

  public Period getRetention() {
    return retention;
  }

  public void setRetention(Period retention) {
    this.retention = retention;
  }

  public int getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(int batchSize) {
    this.batchSize = batchSize;
  }

  public Duration getCommitDelay() {
    return commitDelay;
  }

  public void setCommitDelay(Duration commitDelay) {
    this.commitDelay = commitDelay;
  }
}
