package org.kopir.gateway.validation;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.kopir.gateway.error.ErrorCode;

/** A handover notice is sent at least 72 hours before the planned handover (docs/domain.md). */
public final class HandoverNoticeRule implements EnvelopeRule {

  static final Duration MINIMUM_NOTICE = Duration.ofHours(72);

  @Override
  public void check(ValidatedEnvelope envelope, Findings findings) {
    if (!"handover.notice".equals(envelope.messageType())) {
      return;
    }
    Instant plannedAt;
    try {
      plannedAt = Instant.parse(envelope.payload().path("plannedAt").asText());
    } catch (DateTimeParseException e) {
      findings.add(ErrorCode.SCHEMA_VIOLATION, "/payload/plannedAt", "is not a valid date-time");
      return;
    }
    if (plannedAt.isBefore(envelope.sentAt().plus(MINIMUM_NOTICE))) {
      findings.add(
          ErrorCode.SCHEMA_VIOLATION,
          "/payload/plannedAt",
          "must be at least 72 hours after /header/sentAt");
    }
  }
}
