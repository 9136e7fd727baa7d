package org.kopir.gateway.json;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Limits of the intake channels ({@code kopir.intake.*}). */
@ConfigurationProperties("kopir.intake")
public class IntakeProperties {

  /** Largest accepted request body (SPEC §11: 1 MiB). */
  private int maxBodyBytes = 1024 * 1024;

  /**
   * How long a submission waits for another submission of the same message (same id and content, on
   * this node or another replica sharing the database) that recorded it but has not queued it yet;
   * then it answers what that one answered. If the other is still not done, the submission is
   * refused with {@code SUBMISSION_IN_PROGRESS} (retryable).
   */
  private Duration concurrentSubmissionWait = Duration.ofSeconds(5);

  /**
   * How long a message may stay recorded but not queued before a new submission of it takes it over
   * and processes it again: the submission that recorded it is taken to have died (the node stopped
   * in between). Longer than the longest time a live submission needs from its ledger row to the
   * queue, the broker's send timeout included.
   */
  private Duration orphanAfter = Duration.ofSeconds(30);

  public int getMaxBodyBytes() {
    return maxBodyBytes;
  }

  public void setMaxBodyBytes(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  public Duration getConcurrentSubmissionWait() {
    return concurrentSubmissionWait;
  }

  public void setConcurrentSubmissionWait(Duration concurrentSubmissionWait) {
    if (concurrentSubmissionWait.isNegative()) {
      throw new IllegalArgumentException("kopir.intake.concurrent-submission-wait is negative");
    }
    this.concurrentSubmissionWait = concurrentSubmissionWait;
  }

  public Duration getOrphanAfter() {
    return orphanAfter;
  }

  public void setOrphanAfter(Duration orphanAfter) {
    if (orphanAfter.isNegative() || orphanAfter.isZero()) {
      throw new IllegalArgumentException("kopir.intake.orphan-after must be positive");
    }
    this.orphanAfter = orphanAfter;
  }
}
