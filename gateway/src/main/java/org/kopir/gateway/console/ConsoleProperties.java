package org.kopir.gateway.console;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the browser console ({@code kopir.console.*}, docs/console.md). */
@ConfigurationProperties("kopir.console")
public class ConsoleProperties {

  /** A signed-in person is signed out after this long without a request. */
  private Duration idleTimeout = Duration.ofMinutes(15);

  /** Failed sign-ins in a row (per account) after which the account is locked for a while. */
  private int maxFailedSignIns = 5;

  /** How long an account stays locked after {@link #maxFailedSignIns} failures. */
  private Duration lockout = Duration.ofMinutes(15);

  /**
   * Back-off after the second failure in a row: the next attempt is refused unchecked until this
   * long (doubling per further failure, at most {@link #maxBackoff}) after the last failure.
   */
  private Duration backoff = Duration.ofSeconds(1);

  private Duration maxBackoff = Duration.ofSeconds(30);

  /** How often the dashboard refreshes its figures. */
  private Duration refreshInterval = Duration.ofSeconds(30);

  /**
   * Time zone the pages show times in (UTC alongside). Unset: Asia/Almaty for a KZ node,
   * Asia/Bishkek for a KG node, the system zone otherwise.
   */
  private ZoneId zone;

  public Duration getIdleTimeout() {
    return idleTimeout;
  }

  public void setIdleTimeout(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
  }

  public int getMaxFailedSignIns() {
    return maxFailedSignIns;
  }

  public void setMaxFailedSignIns(int maxFailedSignIns) {
    this.maxFailedSignIns = maxFailedSignIns;
  }

  public Duration getLockout() {
    return lockout;
  }

  public void setLockout(Duration lockout) {
    this.lockout = lockout;
  }

  public Duration getBackoff() {
    return backoff;
  }

  public void setBackoff(Duration backoff) {
    this.backoff = backoff;
  }

  public Duration getMaxBackoff() {
    return maxBackoff;
  }

  public void setMaxBackoff(Duration maxBackoff) {
    this.maxBackoff = maxBackoff;
  }

  public Duration getRefreshInterval() {
    return refreshInterval;
  }

  public void setRefreshInterval(Duration refreshInterval) {
    this.refreshInterval = refreshInterval;
  }

  public ZoneId getZone() {
    return zone;
  }

  public void setZone(ZoneId zone) {
    this.zone = zone;
  }
}
