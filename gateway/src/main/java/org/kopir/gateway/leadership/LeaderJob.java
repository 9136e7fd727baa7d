package org.kopir.gateway.leadership;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A periodic job of the node that only the leading replica runs: every interval (the first one
 * interval after start), and, for a job that asks for it, at once when this replica is granted
 * leadership. A pass that fails is logged by kind and the next one catches up; passes of one job
 * never overlap.
 */
public abstract class LeaderJob implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(LeaderJob.class);

  private final String name;
  private final Duration interval;
  private final Leadership leadership;
  private ScheduledExecutorService scheduler;
  private volatile boolean running;

  /**
   * @param name the job's thread name and its name in logs
   * @param interval time between the end of one pass and the start of the next
   * @param leadership decides whether this replica runs the passes
   */
  protected LeaderJob(String name, Duration interval, Leadership leadership) {
    this.name = name;
    this.interval = interval;
    this.leadership = leadership;
    leadership.whenGranted(this::passSoon);
  }

  /** One pass of the job. */
  protected abstract void pass();

  /**
   * Whether a pass runs at once when this replica is granted leadership, to catch up with what a
   * previous leader left undone; otherwise the next scheduled pass does it.
   */
  protected boolean passWhenGranted() {
    return false;
  }

  /** Whether stopping waits for a running pass and then runs one more (if still leading). */
  protected boolean passAtStop() {
    return false;
  }

  /** Called on start before the first pass is scheduled; may refuse to start. */
  protected void beforeStart() {}

  private void tick() {
    if (!leadership.isLeader()) {
      return;
    }
    try {
      pass();
    } catch (RuntimeException e) {
      // Keep the schedule alive; the next pass catches up.
      LOG.error("{} pass failed: {}", name, e.getClass().getSimpleName());
    }
  }

  private synchronized void passSoon() {
    if (scheduler != null && passWhenGranted()) {
      try {
        scheduler.execute(this::tick);
      } catch (RejectedExecutionException stopping) {
        // Stopping: no further pass.
      }
    }
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    beforeStart();
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name(name).daemon(true).unstarted(runnable));
    long millis = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    if (leadership.isLeader() && passWhenGranted()) {
      scheduler.execute(this::tick);
    }
    running = true;
  }

  @Override
  public void stop() {
    ScheduledExecutorService stopping;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      stopping = scheduler;
      scheduler = null;
    }
    if (!passAtStop()) {
      stopping.shutdownNow();
      return;
    }
    stopping.shutdown();
    try {
      stopping.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tick();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
