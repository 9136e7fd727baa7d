package org.kopir.gateway.broker;

import java.time.Duration;

/**
 * The retry schedule of one outbound priority: exponential backoff from {@code initialDelay} by
 * {@code multiplier} up to {@code maxDelay}, each delay varied at random by up to {@code jitter} (a
 * fraction, so partners coming back are not hit by every node at once), for at most {@code budget}
 * after the message was queued.
 *
 * <p>Artemis counts attempts, not time, so the broker's maximum is derived from the budget: the
 * number of attempts that fit if every delay came out as short as the jitter allows. The budget
 * itself is enforced by the forwarder, which dead-letters a message whose last attempt failed after
 * the budget was spent; the broker's maximum is only the backstop.
 */
public class RetryPolicy {

  /** Keeps the derivation finite for absurd schedules (millisecond delays over weeks). */
  private static final int MOST_ATTEMPTS = 1_000_000;

  private Duration initialDelay;
  private double multiplier = 2.0;
  private Duration maxDelay;
  private Duration budget;
  private double jitter = 0.2;

  /** Overrides the attempts derived from the budget when positive. */
  private int maxAttempts;

  public RetryPolicy() {}

  /**
   * This schedule with its unset members ({@code initialDelay}, {@code maxDelay}, {@code budget})
   * taken from {@code defaults}; the numbers keep their own (default) values.
   */
  public RetryPolicy withDefaults(RetryPolicy defaults) {
    RetryPolicy merged =
        new RetryPolicy(
            initialDelay != null ? initialDelay : defaults.initialDelay,
            maxDelay != null ? maxDelay : defaults.maxDelay,
            budget != null ? budget : defaults.budget);
    merged.multiplier = multiplier;
    merged.jitter = jitter;
    merged.maxAttempts = maxAttempts;
    return merged;
  }

  public RetryPolicy(Duration initialDelay, Duration maxDelay, Duration budget) {
    this.initialDelay = initialDelay;
    this.maxDelay = maxDelay;
    this.budget = budget;
  }

  /**
   * The broker's maximum delivery attempts: the configured override, or the attempts that fit the
   * budget plus the first one after it, which finds the budget spent and dead-letters the message.
   */
  public int brokerMaxAttempts() {
    return maxAttempts > 0 ? maxAttempts : attemptsWithinBudget() + 1;
  }

  /** Attempts (the first one included) whose shortest possible delays fit within the budget. */
  public int attemptsWithinBudget() {
    double elapsed = 0;
    double nominal = Math.max(1, initialDelay.toMillis());
    long budgetMillis = budget.toMillis();
    int attempts = 1;
    while (attempts < MOST_ATTEMPTS) {
      double shortest = Math.min(nominal * (1 - jitter), maxDelay.toMillis());
      elapsed += Math.max(1, shortest);
      if (elapsed > budgetMillis) {
        return attempts;
      }
      attempts++;
      nominal = Math.min(nominal * multiplier, 1e15);
    }
    return attempts;
  }

  public Duration getInitialDelay() {
    return initialDelay;
  }

  public void setInitialDelay(Duration initialDelay) {
    this.initialDelay = initialDelay;
  }

  public double getMultiplier() {
    return multiplier;
  }

  public void setMultiplier(double multiplier) {
    this.multiplier = multiplier;
  }

  public Duration getMaxDelay() {
    return maxDelay;
  }

  public void setMaxDelay(Duration maxDelay) {
    this.maxDelay = maxDelay;
  }

  public Duration getBudget() {
    return budget;
  }

  public void setBudget(Duration budget) {
    this.budget = budget;
  }

  public double getJitter() {
    return jitter;
  }

  public void setJitter(double jitter) {
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be between 0 and 1");
    }
    this.jitter = jitter;
  }

  public int getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }
}
