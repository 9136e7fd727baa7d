package org.kopir.gateway.fuzz;

import com.sun.management.ThreadMXBean;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.util.EnumSet;
import java.util.Set;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;

/**
 * What every fuzz target asserts about one input: the code under test either returns or refuses
 * with one of its documented refusals; any other exception, and any allocation beyond the per-input
 * budget, is a finding. Time is bounded by each target's {@code @Timeout} (Jazzer's {@code
 * -timeout} when fuzzing) and the heap by the fuzz JVM's {@code -Xmx}.
 */
final class Contract {

  /**
   * Bytes one input may allocate on the calling thread. The largest legitimate input (a 1 MiB body,
   * parsed, validated, canonicalized and verified) stays far below it; a parser that expands its
   * input without bound does not.
   */
  static final long ALLOCATION_BUDGET = 256L * 1024 * 1024;

  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();

  /** Work on one input that may refuse it. */
  @FunctionalInterface
  interface Work {
    void run() throws Exception;
  }

  private Contract() {}

  static Set<ErrorCode> codes(ErrorCode first, ErrorCode... rest) {
    return EnumSet.of(first, rest);
  }

  /**
   * Runs {@code work}: a {@link KopirException} with one of {@code allowed} is a refusal, every
   * other exception propagates to Jazzer as a finding.
   */
  static void refusesOnlyWith(Set<ErrorCode> allowed, Work work) throws Exception {
    boundedAllocation(
        () -> {
          try {
            work.run();
          } catch (KopirException refusal) {
            if (!allowed.contains(refusal.code())) {
              throw new AssertionError(
                  "undocumented refusal " + refusal.code() + ": " + refusal.getMessage(), refusal);
            }
          }
        });
  }

  /**
   * Runs {@code work} and fails when it allocated more than {@link #ALLOCATION_BUDGET} on this
   * thread. An input during which classes were loaded is excused: loading, and when fuzzing
   * Jazzer's instrumentation of each new class, allocates on the loading thread far more than the
   * input itself. Any input that blows up does so again without loading anything, and the fuzz
   * JVM's bounded heap ends it in any case.
   */
  static void boundedAllocation(Work work) throws Exception {
    long thread = Thread.currentThread().threadId();
    long classes = CLASSES.getTotalLoadedClassCount();
    long before = THREADS.getThreadAllocatedBytes(thread);
    try {
      work.run();
    } finally {
      long allocated = THREADS.getThreadAllocatedBytes(thread) - before;
      if (before >= 0
          && allocated > ALLOCATION_BUDGET
          && CLASSES.getTotalLoadedClassCount() == classes) {
        throw new AssertionError(
            "one input allocated " + allocated + " bytes, over the budget of " + ALLOCATION_BUDGET);
      }
    }
  }
}
