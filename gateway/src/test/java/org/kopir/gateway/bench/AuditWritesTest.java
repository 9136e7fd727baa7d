package org.kopir.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditWritesTest {

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
        """;

    AuditWrites writes = AuditWrites.parse(exposition);

    assertThat(writes).isEqualTo(new AuditWrites(120, 300));
    assertThat(writes.minus(new AuditWrites(20, 100)).appendsPerCommit()).isEqualTo(2.0);
  }

  @Test
  void aNodeWithoutAnAuditTrailHasNoWrites() {
    AuditWrites writes = AuditWrites.parse("kopir_messages_accepted_total{node=\"kg\"} 5.0\n");

    assertThat(writes).isEqualTo(AuditWrites.NONE);
    assertThat(writes.appendsPerCommit()).isZero();
  }
}
