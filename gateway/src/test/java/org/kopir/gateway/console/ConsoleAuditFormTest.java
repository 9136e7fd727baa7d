package org.kopir.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.console.view.ConsoleTime;
import org.kopir.gateway.console.web.AuditForm;
import org.kopir.gateway.node.NodeProperties;

/** Reading the audit search form: defaults, times in the node's zone, refusals per field. */
class ConsoleAuditFormTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private static ConsoleTime almaty() {
    ConsoleProperties properties = new ConsoleProperties();
    properties.setZone(ZoneId.of("Asia/Almaty"));
    return new ConsoleTime(properties, new NodeProperties());
  }

  @Test
  void withoutAStartTheLastDayIsSearched() {
    AuditForm form = AuditForm.read(Map.of(), almaty(), NOW, List.of());

    assertThat(form.valid()).isTrue();
    assertThat(form.filter().from()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
    assertThat(AuditForm.read(Map.of("from", ""), almaty(), NOW, List.of()).filter().from())
        .isNull();
  }

  @Test
  void localTimesAreInTheNodeZoneAndInstantsAreUtc() {
    AuditForm form =
        AuditForm.read(
            Map.of("from", "2026-12-01T09:30", "to", "2026-12-01T10:00:00Z"),
            almaty(),
            NOW,
            List.of());

    assertThat(form.valid()).isTrue();
    assertThat(form.filter().from()).isEqualTo(Instant.parse("2026-12-01T04:30:00Z"));
    assertThat(form.filter().to()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
  }

  @Test
  void badValuesAreNamedPerField() {
    AuditForm form =
        AuditForm.read(
            Map.of(
                "messageId", "' OR 1=1 --",
                "event", "message.exploded",
                "outcome", "maybe",
                "fromSeq", "-1",
                "toSeq", "abc",
                "from", "2026-02-30T10:00",
                "size", "100000"),
            almaty(),
            NOW,
            List.of());

    assertThat(form.valid()).isFalse();
    assertThat(form.problems())
        .extracting(p -> p.field())
        .containsExactlyInAnyOrder(
            "messageId", "event", "outcome", "fromSeq", "toSeq", "from", "size");
    assertThat(form.values().get("messageId")).isEqualTo("' OR 1=1 --");
  }

  @Test
  void longValuesAreCutWhenShownBack() {
    AuditForm form = AuditForm.read(Map.of("actor", "x".repeat(10_240)), almaty(), NOW, List.of());

    assertThat(form.hasProblem("actor")).isTrue();
    assertThat(form.values().get("actor")).hasSize(80);
  }
}
