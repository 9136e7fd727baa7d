package org.kopir.gateway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;

/**
 * What a node's JIT compiler did during one profiled run, read from the run's recording: its
 * compilations ({@code jdk.Compilation}, every one of them, as {@link CpuProfile#start} asks), how
 * many of them by C2, their time, the libraries whose methods took most of it, and its
 * deoptimizations ({@code jdk.Deoptimization}) with the method deoptimized most often. A method
 * deoptimized over and over is a compile, deoptimize, recompile loop; a long list of libraries,
 * each with a share, is a compiler still working through code that has not yet reached its
 * thresholds.
 *
 * @param seconds the compile tasks' wall time: on a busy machine a compiler thread waits for a core
 *     too, so this exceeds its CPU time (the thread table's "JIT compiler")
 * @param secondsByLibrary the libraries with the most compile time, largest first
 */
record CompilerWork(
    int compilations,
    int byC2,
    double seconds,
    Map<String, Double> secondsByLibrary,
    int deoptimizations,
    String mostDeoptimized,
    int mostDeoptimizedTimes) {

  static final CompilerWork NONE = new Tally().build();

  /** The compilation level of C2 (levels 1 to 3 are C1's). */
  private static final int C2_LEVEL = 4;

  /** Libraries kept in {@link #secondsByLibrary}. */
  static final int LIBRARIES = 6;

  private static final String COMPILATION = "jdk.Compilation";
  private static final String DEOPTIMIZATION = "jdk.Deoptimization";

  /** The compiler's work in {@code recording}. */
  static CompilerWork read(Path recording) throws IOException {
    Tally tally = new Tally();
    CpuProfile.readEvents(recording, tally);
    return tally.build();
  }

  /**
   * The library a class belongs to, as the first three parts of its package ({@code
   * org.h2.mvstore}, {@code org.apache.camel}, {@code com.fasterxml.jackson}), or two for the JDK's
   * own packages ({@code java.util}, {@code sun.security}).
   */
  static String library(String className) {
    String name = className.replace('/', '.');
    int end = name.lastIndexOf('.');
    if (end < 0) {
      return "(no package)";
    }
    String[] parts = name.substring(0, end).split("\\.");
    boolean jdk =
        switch (parts[0]) {
          case "java", "javax", "jdk", "sun" -> true;
          default -> false;
        };
    int kept = Math.min(parts.length, jdk ? 2 : 3);
    return String.join(".", Arrays.copyOf(parts, kept));
  }

  /** Counts compilations and deoptimizations as they are read. */
  static final class Tally implements Consumer<RecordedEvent> {

    private int compilations;
    private int byC2;
    private long nanos;
    private final Map<String, Long> nanosByLibrary = new HashMap<>();
    private final Map<String, Integer> deoptimizedMethods = new HashMap<>();
    private int deoptimizations;

    /** Counts the event if it is a compilation or a deoptimization. */
    @Override
    public void accept(RecordedEvent event) {
      switch (event.getEventType().getName()) {
        case COMPILATION -> {
          RecordedMethod method = event.getValue("method");
          compiled(
              method == null ? "" : method.getType().getName(),
              event.getInt("compileLevel"),
              event.getDuration());
        }
        case DEOPTIMIZATION -> {
          RecordedMethod method = event.getValue("method");
          if (method != null) {
            deoptimized(method.getType().getName() + "." + method.getName());
          }
        }
        default -> {}
      }
    }

    /** One compilation of a method of {@code className} at {@code level}. */
    Tally compiled(String className, int level, Duration took) {
      compilations++;
      if (level == C2_LEVEL) {
        byC2++;
      }
      nanos += took.toNanos();
      nanosByLibrary.merge(library(className), took.toNanos(), Long::sum);
      return this;
    }

    /** One deoptimization of {@code method} (class and name). */
    Tally deoptimized(String method) {
      deoptimizations++;
      deoptimizedMethods.merge(method.replace('/', '.'), 1, Integer::sum);
      return this;
    }

    CompilerWork build() {
      Map<String, Double> libraries = new LinkedHashMap<>();
      nanosByLibrary.entrySet().stream()
          .sorted(
              Map.Entry.<String, Long>comparingByValue()
                  .reversed()
                  .thenComparing(Map.Entry.comparingByKey()))
          .limit(LIBRARIES)
          .forEach(entry -> libraries.put(entry.getKey(), entry.getValue() / 1e9));
      var most =
          deoptimizedMethods.entrySet().stream()
              .max(
                  Map.Entry.<String, Integer>comparingByValue()
                      .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()));
      return new CompilerWork(
          compilations,
          byC2,
          nanos / 1e9,
          libraries,
          deoptimizations,
          most.map(Map.Entry::getKey).orElse(""),
          most.map(Map.Entry::getValue).orElse(0));
    }
  }
}
