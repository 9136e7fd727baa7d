package org.kopir.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeMetersTest {

  @Test
  void theCountersAreSummedOverTheirTagsAndOtherMetricsAreLeftOut() {
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
        """;

    NodeMeters meters = NodeMeters.parse(exposition);

    assertThat(meters).isEqualTo(new NodeMeters(120, 300, 629_145_600));
    NodeMeters run = meters.minus(new NodeMeters(20, 100, 104_857_600));
    assertThat(run.appendsPerCommit()).isEqualTo(2.0);
    assertThat(run.allocatedBytes()).isEqualTo(524_288_000);
  }

  @Test
  void aNodeWithoutAnAuditTrailHasNoWritesButItsAllocation() {
    NodeMeters meters =
        NodeMeters.parse(
            "kopir_messages_accepted_total{node=\"kg\"} 5.0\n"
                + "jvm_gc_memory_allocated_bytes_total{node=\"kg\"} 2048.0\n");

    assertThat(meters).isEqualTo(new NodeMeters(0, 0, 2048));
    assertThat(meters.appendsPerCommit()).isZero();
  }
}
