package org.kopir.gateway.validation;

import org.kopir.gateway.error.ErrorCode;

/** Answers and follow-ups must name the message they refer to in {@code correlationId}. */
public final class CorrelationRule implements EnvelopeRule {

  @Override
  public void check(ValidatedEnvelope envelope, Findings findings) {
    MessagePolicy policy = MessagePolicy.forType(envelope.messageType()).orElseThrow();
    if (policy.requiresCorrelation() && !envelope.hasCorrelation()) {
      findings.add(
          ErrorCode.SCHEMA_VIOLATION,
          "/header/correlationId",
          "is required for " + envelope.messageType());
    }
    if (envelope.hasCorrelation() && envelope.correlationId().equals(envelope.messageId())) {
      findings.add(
          ErrorCode.SCHEMA_VIOLATION, "/header/correlationId", "must not equal /header/messageId");
    }
  }
}
