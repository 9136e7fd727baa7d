package org.kopir.gateway.lifecycle;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Erases cases whose retention ran out or whose erasure was ordered, every {@code
 * kopir.retention.check-interval} (SPEC §13.4). A case with a message still on its way waits for
 * the next pass; a pass that fails is logged by kind and the next one catches up.
 */
@Component
public class RetentionJob implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
  private static final int BATCH = 1000;

  private final CaseStore cases;
  private final CaseErasure erasure;
  private final RetentionProperties settings;
  private final Clock clock;
  private ScheduledExecutorService scheduler;
  private volatile boolean running;

  public RetentionJob(
      CaseStore cases, CaseErasure erasure, RetentionProperties settings, Clock clock) {
    this.cases = cases;
    this.erasure = erasure;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * One pass: erases every due case that can be erased now.
   *
   * @return how many cases were erased
   */
  public int eraseDue() {
    int erased = 0;
    List<String> due = cases.due(clock.instant(), BATCH);
    if (due.isEmpty()) {
      return 0;
    }
    LOG.info("Retention pass: {} cases due for erasure", due.size());
    for (String key : due) {
      try {
        if (erasure.erase(key)) {
          erased++;
        }
      } catch (RuntimeException e) {
        // One case that cannot be erased now must not hold back the others; it is tried again.
        LOG.warn(
            "Erasure of a case failed, tried again next pass: {}", e.getClass().getSimpleName());
      }
    }
    LOG.info(
        "Retention pass: {} cases erased, {} waiting for messages on their way or failed",
        erased,
        due.size() - erased);
    return erased;
  }

  private void tick() {
    try {
      eraseDue();
    } catch (RuntimeException e) {
      LOG.error("Retention pass failed: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("retention").daemon(true).unstarted(runnable));
    long millis = settings.getCheckInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    running = true;
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    scheduler.shutdownNow();
    scheduler = null;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
