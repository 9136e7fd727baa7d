package org.kopir.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NodeMetersTest {

  @Test
  void theCountersAndPauseTimesAreSummedOverTheirTagsAndOtherMetricsAreLeftOut() {
    String exposition =
        """
        # HELP kopir_audit_commits_total Transactions the audit writer committed
        # TYPE kopir_audit_commits_total counter
        kopir_audit_commits_total{node="kz"} 120.0
        kopir_audit_commits_total_other{node="kz"} 7.0
        # TYPE kopir_audit_appends_total counter
        kopir_audit_appends_total{node="kz"} 300.0
        kopir_messages_accepted_total{node="kz",type="referral.request"} 50.0
        # TYPE jvm_gc_memory_allocated_bytes_total counter
        jvm_gc_memory_allocated_bytes_total{node="kz"} 6.291456E8
        jvm_gc_memory_allocated_bytes{node="kz"} 1.0
        # TYPE jvm_gc_pause_seconds summary
        jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation",node="kz"} 12.0
        jvm_gc_pause_seconds_sum{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation",node="kz"} 0.25
        jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Humongous Allocation",gc="G1 Young Generation",node="kz"} 3.0
        jvm_gc_pause_seconds_sum{action="end of minor GC",cause="G1 Humongous Allocation",gc="G1 Young Generation",node="kz"} 0.05
        jvm_gc_pause_seconds_max{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation",node="kz"} 0.04
        # TYPE jvm_gc_concurrent_phase_time_seconds summary
        jvm_gc_concurrent_phase_time_seconds_count{action="end of concurrent GC pause",cause="No GC",gc="G1 Concurrent GC",node="kz"} 8.0
        jvm_gc_concurrent_phase_time_seconds_sum{action="end of concurrent GC pause",cause="No GC",gc="G1 Concurrent GC",node="kz"} 0.016
        jvm_gc_concurrent_phase_time_seconds_max{action="end of concurrent GC pause",cause="No GC",gc="G1 Concurrent GC",node="kz"} 0.003
        """;

    NodeMeters meters = NodeMeters.parse(exposition);

    assertThat(meters.commits()).isEqualTo(120);
    assertThat(meters.appends()).isEqualTo(300);
    assertThat(meters.allocatedBytes()).isEqualTo(629_145_600);
    assertThat(meters.gcPauses()).isEqualTo(15);
    assertThat(meters.gcPauseSeconds()).isCloseTo(0.30, within(1e-9));
    assertThat(meters.gcConcurrent()).isEqualTo(8);
    assertThat(meters.gcConcurrentSeconds()).isCloseTo(0.016, within(1e-9));
    NodeMeters run = meters.minus(new NodeMeters(20, 100, 104_857_600, 5, 0.10, 2, 0.004));
    assertThat(run.appendsPerCommit()).isEqualTo(2.0);
    assertThat(run.allocatedBytes()).isEqualTo(524_288_000);
    assertThat(run.gcPauses()).isEqualTo(10);
    assertThat(run.gcPauseSeconds()).isCloseTo(0.20, within(1e-9));
    assertThat(run.gcConcurrent()).isEqualTo(6);
    assertThat(run.gcConcurrentSeconds()).isCloseTo(0.012, within(1e-9));
  }

  @Test
  void aNodeWithoutAnAuditTrailHasNoWritesButItsAllocation() {
    NodeMeters meters =
        NodeMeters.parse(
            "kopir_messages_accepted_total{node=\"kg\"} 5.0\n"
                + "jvm_gc_memory_allocated_bytes_total{node=\"kg\"} 2048.0\n");

    assertThat(meters).isEqualTo(new NodeMeters(0, 0, 2048, 0, 0, 0, 0));
    assertThat(meters.appendsPerCommit()).isZero();
  }

  @Test
  void aGaugeIsReadByItsExactNameAndIsEmptyWhereTheNodeHasNone() {
    String exposition =
        """
        # TYPE kopir_embedded_database_fill_percent gauge
        kopir_embedded_database_fill_percent_other{node="kz"} 3.0
        kopir_embedded_database_fill_percent{node="kz"} 42.0
        kopir_embedded_database_file_bytes{node="kz"} 1.048576E8
        """;

    assertThat(NodeMeters.gauge(exposition, "kopir_embedded_database_fill_percent")).hasValue(42.0);
    assertThat(NodeMeters.gauge(exposition, "kopir_embedded_database_file_bytes"))
        .hasValue(104_857_600.0);
    assertThat(
            NodeMeters.gauge(
                "kopir_audit_commits_total{node=\"kz\"} 1.0\n",
                "kopir_embedded_database_fill_percent"))
        .isEmpty();
  }
}
