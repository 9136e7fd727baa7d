package org.kopir.gateway.console.view;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kopir.gateway.audit.AuditRecord;

/**
 * A message's audit records as geometry for a server-rendered SVG: one step per record in seq
 * (time) order down a vertical line, each with the time since the previous step. Steps proved by
 * the partner's signed receipts are marked apart from local ones.
 */
public record Timeline(List<Step> steps, int width, int height) {

  static final int ROW = 46;
  static final int TOP = 24;

  /** One drawn step: a dot at ({@code x}, {@code y}) and its labels. */
  public record Step(
      long seq,
      int x,
      int y,
      int lineTo,
      String event,
      String outcome,
      String actor,
      Instant time,
      String gap,
      boolean partnerProof,
      String receiptOutcome) {

    /** CSS class of the dot: by outcome, with receipts from the partner drawn as squares. */
    public String dotClass() {
      return "tl-dot tl-" + (outcome == null ? "ok" : outcome);
    }

    public int textX() {
      return x + 22;
    }

    public int labelY() {
      return y - 4;
    }

    public int detailY() {
      return y + 13;
    }

    public int squareX() {
      return x - 8;
    }

    public int squareY() {
      return y - 8;
    }
  }

  public static Timeline of(List<AuditRecord> records) {
    List<Step> steps = new ArrayList<>();
    Instant previous = null;
    for (int i = 0; i < records.size(); i++) {
      AuditRecord record = records.get(i);
      int y = TOP + i * ROW;
      boolean receipt = "receipt.received".equals(record.event());
      String receiptOutcome = receipt ? record.detail().path("outcome").asText(null) : null;
      steps.add(
          new Step(
              record.seq(),
              24,
              y,
              i + 1 < records.size() ? y + ROW : y,
              record.event(),
              record.outcome(),
              record.actor(),
              record.time(),
              previous == null ? "" : gap(Duration.between(previous, record.time())),
              receipt
                  || "message.delivered".equals(record.event())
                  || "message.retrieved".equals(record.event())
                  || "message.refused".equals(record.event()),
              receiptOutcome));
      previous = record.time();
    }
    return new Timeline(steps, 720, Math.max(TOP * 2, TOP + records.size() * ROW));
  }

  /** {@code +850 ms}, {@code +12 s}, {@code +3 min}, {@code +2 h}, {@code +1 d}. */
  static String gap(Duration gap) {
    long millis = gap.toMillis();
    if (millis < 1000) {
      return "+" + millis + " ms";
    }
    if (millis < 120_000) {
      return "+" + gap.toSeconds() + " s";
    }
    if (gap.toMinutes() < 120) {
      return "+" + gap.toMinutes() + " min";
    }
    if (gap.toHours() < 48) {
      return "+" + gap.toHours() + " h";
    }
    return "+" + gap.toDays() + " d";
  }
}
