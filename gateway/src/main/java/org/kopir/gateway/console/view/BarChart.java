package org.kopir.gateway.console.view;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Deliveries and failures per time bucket as geometry for a server-rendered SVG bar chart (no
 * script needed, so the strict content security policy holds).
 */
public record BarChart(
    List<Bar> bars,
    List<Tick> ticks,
    int width,
    int height,
    long max,
    long delivered,
    long failed) {

  static final int WIDTH = 600;
  static final int HEIGHT = 140;
  static final int BASE = 118;
  static final int PLOT = 100;

  /** One bar; {@code kind} is {@code delivered} or {@code failed}. */
  public record Bar(int x, int y, int width, int height, String kind, long count, Instant start) {
    public String cssClass() {
      return "bar bar-" + kind;
    }
  }

  /** A label under the axis. */
  public record Tick(int x, Instant at) {}

  /**
   * Buckets {@code [now - span, now)} into {@code buckets} and counts {@code delivered} and {@code
   * failed} times in each.
   */
  public static BarChart of(
      List<Instant> delivered, List<Instant> failed, Instant now, Duration span, int buckets) {
    long[] ok = count(delivered, now, span, buckets);
    long[] bad = count(failed, now, span, buckets);
    long max = 1;
    for (int i = 0; i < buckets; i++) {
      max = Math.max(max, Math.max(ok[i], bad[i]));
    }
    int slot = WIDTH / buckets;
    int barWidth = Math.max(2, (slot - 4) / 2);
    Instant start = now.minus(span);
    Duration step = span.dividedBy(buckets);
    List<Bar> bars = new ArrayList<>();
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; i < buckets; i++) {
      Instant bucketStart = start.plus(step.multipliedBy(i));
      int x = i * slot + 2;
      bars.add(bar(x, barWidth, ok[i], max, "delivered", bucketStart));
      bars.add(bar(x + barWidth, barWidth, bad[i], max, "failed", bucketStart));
      if (i % Math.max(1, buckets / 4) == 0) {
        ticks.add(new Tick(x, bucketStart));
      }
    }
    return new BarChart(bars, ticks, WIDTH, HEIGHT, max, sum(ok), sum(bad));
  }

  private static Bar bar(int x, int width, long count, long max, String kind, Instant start) {
    int height = (int) Math.round((double) count * PLOT / max);
    if (count > 0 && height == 0) {
      height = 1;
    }
    return new Bar(x, BASE - height, width, height, kind, count, start);
  }

  private static long[] count(List<Instant> times, Instant now, Duration span, int buckets) {
    long[] counts = new long[buckets];
    Instant start = now.minus(span);
    long spanMillis = span.toMillis();
    for (Instant time : times) {
      if (time.isBefore(start) || !time.isBefore(now)) {
        continue;
      }
      long offset = Duration.between(start, time).toMillis();
      int bucket = (int) Math.min(buckets - 1, offset * buckets / spanMillis);
      counts[bucket]++;
    }
    return counts;
  }

  private static long sum(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }

  public int baseline() {
    return BASE;
  }
}
