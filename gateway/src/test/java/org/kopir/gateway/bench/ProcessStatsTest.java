package org.kopir.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ProcessStatsTest {

  @Test
  void threadsThatEndWhileTheirCpuIsReadAreLeftOutInsteadOfFailingTheReading() throws Exception {
    long pid = ProcessHandle.current().pid();
    AtomicBoolean churning = new AtomicBoolean(true);
    Thread churn =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (churning.get()) {
                    Thread.ofPlatform().name("short-lived").start(() -> {});
                  }
                });
    try {
      ProcessStats.CpuUse last = null;
      for (int i = 0; i < 3000; i++) {
        last = ProcessStats.cpu(pid);
      }
      assertThat(last.total()).isPositive();
      assertThat(last.threads()).isNotEmpty();
    } finally {
      churning.set(false);
      churn.join();
    }
  }
}
