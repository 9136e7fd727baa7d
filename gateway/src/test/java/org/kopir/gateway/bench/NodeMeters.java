package org.kopir.gateway.bench;

import java.util.OptionalDouble;
import java.util.stream.DoubleStream;
import org.kopir.gateway.testsupport.Http;

/**
 * A node's meters so far, as an operator reads them at {@code /actuator/prometheus}: the audit
 * writer's commits and the steps' appends they carried ({@code kopir_audit_commits_total}, {@code
 * kopir_audit_appends_total}; a node whose trail is never built, as in the transport-only pipeline,
 * has neither), and the bytes its Java code allocated ({@code jvm_gc_memory_allocated_bytes_total},
 * which the JVM's meters count at each young collection, so a difference of two readings is off by
 * at most one young generation), the collector's pauses with their time ({@code
 * jvm_gc_pause_seconds_count} and {@code _sum} over every collector and cause: G1's young, mixed
 * and full collections), and what the JVM reports as the concurrent collector's work ({@code
 * jvm_gc_concurrent_phase_time_seconds}: with G1 the remark and cleanup pauses of its concurrent
 * cycles, which it reports with no cause; with ZGC and Shenandoah their concurrent cycles, which do
 * not stop the application).
 */
record NodeMeters(
    long commits,
    long appends,
    long allocatedBytes,
    long gcPauses,
    double gcPauseSeconds,
    long gcConcurrent,
    double gcConcurrentSeconds) {

  static final NodeMeters NONE = new NodeMeters(0, 0, 0, 0, 0, 0, 0);

  /** Reads the meters as an operator sees them at {@code /actuator/prometheus}. */
  static NodeMeters read(Http operator, String nodeUrl) {
    return parse(exposition(operator, nodeUrl));
  }

  /**
   * The share of the embedded store file's chunks that live data filled at the node's last
   * compaction pass ({@code kopir_embedded_database_fill_percent}), as an operator reads it; empty
   * for a node on PostgreSQL, which has no such meter.
   */
  static OptionalDouble storeFillPercent(Http operator, String nodeUrl) {
    return gauge(exposition(operator, nodeUrl), "kopir_embedded_database_fill_percent");
  }

  private static String exposition(Http operator, String nodeUrl) {
    Http.Answer answer = operator.get(nodeUrl + "/actuator/prometheus");
    if (answer.status() != 200) {
      throw new IllegalStateException("metrics answered " + answer.status());
    }
    return answer.body();
  }

  /** A gauge's value in a Prometheus text exposition, empty if the exposition has none. */
  static OptionalDouble gauge(String exposition, String name) {
    return values(exposition, name).findFirst();
  }

  /** The counters in a Prometheus text exposition, each summed over its tags, 0 if absent. */
  static NodeMeters parse(String exposition) {
    return new NodeMeters(
        counter(exposition, "kopir_audit_commits_total"),
        counter(exposition, "kopir_audit_appends_total"),
        counter(exposition, "jvm_gc_memory_allocated_bytes_total"),
        counter(exposition, "jvm_gc_pause_seconds_count"),
        sum(exposition, "jvm_gc_pause_seconds_sum"),
        counter(exposition, "jvm_gc_concurrent_phase_time_seconds_count"),
        sum(exposition, "jvm_gc_concurrent_phase_time_seconds_sum"));
  }

  private static long counter(String exposition, String name) {
    return Math.round(sum(exposition, name));
  }

  private static double sum(String exposition, String name) {
    return values(exposition, name).sum();
  }

  /** The values of a metric's series in a Prometheus text exposition, one per set of tags. */
  private static DoubleStream values(String exposition, String name) {
    return exposition
        .lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
  }

  NodeMeters minus(NodeMeters before) {
    return new NodeMeters(
        commits - before.commits,
        appends - before.appends,
        allocatedBytes - before.allocatedBytes,
        gcPauses - before.gcPauses,
        gcPauseSeconds - before.gcPauseSeconds,
        gcConcurrent - before.gcConcurrent,
        gcConcurrentSeconds - before.gcConcurrentSeconds);
  }

  double appendsPerCommit() {
    return commits == 0 ? 0 : (double) appends / commits;
  }
}
