package org.kopir.gateway.lifecycle;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a node keeps what it holds about a case once it is closed ({@code kopir.retention.*},
 * SPEC §13, {@code docs/privacy.md} §9).
 */
@ConfigurationProperties("kopir.retention")
public class RetentionProperties {

  /**
   * Kept after closure, unless the closure's legal basis has its own period. One year: the node is
   * an exchange, not the case file (each agency keeps its own under its own law); a year covers
   * late receipts, disputes about a delivery and an audit of the exchange, while the pseudonymous
   * audit trail keeps the facts for its own, longer retention.
   */
  private RetentionPeriod afterClosure = RetentionPeriod.valueOf("P1Y");

  /** Periods per legal basis of the closure ({@code treaty}, {@code law}, {@code consent}). */
  private Map<String, RetentionPeriod> afterClosureByLegalBasis = new LinkedHashMap<>();

  /**
   * When a partner's consent update asks to erase ({@code requestedAction: erase}): how long the
   * recipient agency has to take the notice from its inbox before the node erases the case. The
   * partner acts within 24 hours (docs/domain.md).
   */
  private Duration eraseRequestGrace = Duration.ofHours(24);

  /** How often the node looks for cases whose retention ran out. */
  private Duration checkInterval = Duration.ofMinutes(1);

  public RetentionPeriod afterClosure(String legalBasis) {
    return afterClosureByLegalBasis.getOrDefault(legalBasis, afterClosure);
  }

  public RetentionPeriod getAfterClosure() {
    return afterClosure;
  }

  public void setAfterClosure(RetentionPeriod afterClosure) {
    this.afterClosure = afterClosure;
  }

  public Map<String, RetentionPeriod> getAfterClosureByLegalBasis() {
    return afterClosureByLegalBasis;
  }

  public void setAfterClosureByLegalBasis(Map<String, RetentionPeriod> afterClosureByLegalBasis) {
    this.afterClosureByLegalBasis = afterClosureByLegalBasis;
  }

  public Duration getEraseRequestGrace() {
    return eraseRequestGrace;
  }

  public void setEraseRequestGrace(Duration eraseRequestGrace) {
    this.eraseRequestGrace = eraseRequestGrace;
  }

  public Duration getCheckInterval() {
    return checkInterval;
  }

  public void setCheckInterval(Duration checkInterval) {
    this.checkInterval = checkInterval;
  }
}
