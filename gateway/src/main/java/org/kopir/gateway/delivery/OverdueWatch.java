package org.kopir.gateway.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditOutcome;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.intake.OutboundStatus;
import org.kopir.gateway.leadership.LeaderJob;
import org.kopir.gateway.leadership.Leadership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Looks periodically, on the leading replica, for outbound messages that are late: still without
 * the partner's receipt after {@code kopir.delivery.overdue.delivery-after}, or referral requests
 * whose {@code payload.responseTimeframe} passed without a {@code referral.response} naming them in
 * {@code header.correlationId}. Each late message is audited once ({@code delivery.overdue}, {@code
 * response.overdue}, outcome {@code warning}); gauge {@code kopir.delivery.overdue{kind}} counts
 * the ones late right now.
 */
@Component
public class OverdueWatch extends LeaderJob {

  private static final Logger LOG = LoggerFactory.getLogger(OverdueWatch.class);
  private static final int MOST_LISTED = 1000;
  private static final List<String> UNDELIVERED =
      List.of(
          OutboundStatus.RECEIVED.name(),
          OutboundStatus.QUEUED.name(),
          OutboundStatus.WAITING_FOR_RETRY.name());
  private static final List<String> DELIVERED =
      List.of(OutboundStatus.DELIVERED.name(), OutboundStatus.RETRIEVED.name());

  private final JdbcTemplate jdbc;
  private final AuditTrail audit;
  private final Clock clock;
  private final DeliveryProperties.Overdue settings;
  private final AtomicLong deliveryOverdue = new AtomicLong();
  private final AtomicLong responseOverdue = new AtomicLong();

  public OverdueWatch(
      JdbcTemplate jdbc,
      AuditTrail audit,
      Clock clock,
      DeliveryProperties properties,
      MeterRegistry registry,
      Leadership leadership) {
    super("overdue-watch", properties.getOverdue().getCheckInterval(), leadership);
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
    this.settings = properties.getOverdue();
    Gauge.builder("kopir.delivery.overdue", deliveryOverdue, AtomicLong::get)
        .tag("kind", Overdue.DELIVERY)
        .description("Outbound messages without the partner's receipt past the threshold")
        .register(registry);
    Gauge.builder("kopir.delivery.overdue", responseOverdue, AtomicLong::get)
        .tag("kind", Overdue.RESPONSE)
        .description("Referral requests without a response within their timeframe")
        .register(registry);
  }

  /** One pass: warns once about each newly late message and refreshes the gauge. */
  public synchronized void check() {
    List<Overdue> late = list();
    long deliveries = 0;
    long responses = 0;
    for (Overdue overdue : late) {
      if (Overdue.DELIVERY.equals(overdue.kind())) {
        deliveries++;
      } else {
        responses++;
      }
      if (overdue.warnedAt() == null) {
        warn(overdue);
      }
    }
    deliveryOverdue.set(deliveries);
    responseOverdue.set(responses);
  }

  /** Messages late right now, delivery first, oldest first. */
  public List<Overdue> list() {
    Instant now = clock.instant();
    List<Overdue> late = new ArrayList<>(undelivered(now));
    for (Map.Entry<String, Duration> timeframe : settings.getResponseTimeframes().entrySet()) {
      late.addAll(unanswered(timeframe.getKey(), timeframe.getValue(), now));
    }
    return late;
  }

  private List<Overdue> undelivered(Instant now) {
    Duration after = settings.getDeliveryAfter();
    return jdbc.query(
        "SELECT message_id, message_type, recipient_agency, status, created_at,"
            + " delivery_overdue_at FROM outbound_message WHERE status IN (?,?,?)"
            + " AND created_at < ? ORDER BY created_at LIMIT "
            + MOST_LISTED,
        (rs, i) -> map(rs, Overdue.DELIVERY, after),
        UNDELIVERED.get(0),
        UNDELIVERED.get(1),
        UNDELIVERED.get(2),
        Timestamp.from(now.minus(after)));
  }

  private List<Overdue> unanswered(String timeframe, Duration within, Instant now) {
    return jdbc.query(
        "SELECT o.message_id, o.message_type, o.recipient_agency, o.status, o.created_at,"
            + " o.response_overdue_at FROM outbound_message o WHERE o.message_type = ?"
            + " AND o.response_timeframe = ? AND o.status IN (?,?) AND o.created_at < ?"
            + " AND NOT EXISTS (SELECT 1 FROM inbound_message i WHERE i.correlation_id ="
            + " o.message_id AND i.message_type = ?) ORDER BY o.created_at LIMIT "
            + MOST_LISTED,
        (rs, i) -> map(rs, Overdue.RESPONSE, within),
        "referral.request",
        timeframe,
        DELIVERED.get(0),
        DELIVERED.get(1),
        Timestamp.from(now.minus(within)),
        "referral.response");
  }

  private void warn(Overdue overdue) {
    String column =
        Overdue.DELIVERY.equals(overdue.kind()) ? "delivery_overdue_at" : "response_overdue_at";
    // The conditional update makes the warning once-only, also with several watchers on one store.
    int claimed =
        jdbc.update(
            "UPDATE outbound_message SET "
                + column
                + " = ? WHERE message_id = ? AND "
                + column
                + " IS NULL",
            Timestamp.from(clock.instant()),
            overdue.messageId());
    if (claimed != 1) {
      return;
    }
    audit.record(
        AuditEntry.of(
                Overdue.DELIVERY.equals(overdue.kind())
                    ? AuditEvent.DELIVERY_OVERDUE
                    : AuditEvent.RESPONSE_OVERDUE)
            .messageId(overdue.messageId())
            .messageType(overdue.messageType())
            .actor("node")
            .outcome(AuditOutcome.WARNING)
            .detail("status", overdue.status())
            .detail("dueAt", overdue.dueAt().toString())
            .build());
    LOG.warn("Message {} is overdue ({})", overdue.messageId(), overdue.kind());
  }

  private static Overdue map(ResultSet rs, String kind, Duration allowed) throws SQLException {
    Instant submitted = rs.getTimestamp(5).toInstant();
    Timestamp warned = rs.getTimestamp(6);
    return new Overdue(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        kind,
        rs.getString(4),
        submitted,
        submitted.plus(allowed),
        warned == null ? null : warned.toInstant());
  }

  @Override
  protected void pass() {
    check();
  }
}
