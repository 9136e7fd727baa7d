package org.kopir.gateway.lifecycle;

import java.time.Clock;
import java.util.List;
import org.kopir.gateway.leadership.LeaderJob;
import org.kopir.gateway.leadership.Leadership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Erases cases whose retention ran out or whose erasure was ordered, every {@code
 * kopir.retention.check-interval} on the leading replica (SPEC §13.4). A case with a message still
 * on its way waits for the next pass; a pass that fails is logged by kind and the next one catches
 * up.
 */
@Component
public class RetentionJob extends LeaderJob {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
  private static final int BATCH = 1000;

  private final CaseStore cases;
  private final CaseErasure erasure;
  private final RetentionProperties settings;
  private final Clock clock;

  public RetentionJob(
      CaseStore cases,
      CaseErasure erasure,
      RetentionProperties settings,
      Clock clock,
      Leadership leadership) {
    super("retention", settings.getCheckInterval(), leadership);
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

  @Override
  protected void pass() {
    eraseDue();
  }
}
