package org.kopir.gateway.validation;

import org.kopir.gateway.error.ErrorCode;

/**
 * Purpose and legal basis must be allowed for the message type ({@link MessagePolicy}); a referral
 * request's {@code kind} must equal its purpose, so the stated purpose is what is asked.
 */
public final class PurposeRule implements EnvelopeRule {

  @Override
  public void check(ValidatedEnvelope envelope, Findings findings) {
    MessagePolicy policy = MessagePolicy.forType(envelope.messageType()).orElseThrow();
    if (!policy.purposes().contains(envelope.purpose())) {
      findings.add(
          ErrorCode.SCHEMA_VIOLATION,
          "/header/purpose",
          "is not allowed for " + envelope.messageType() + "; allowed: " + sorted(policy));
    }
    if (!policy.legalBases().contains(envelope.legalBasis())) {
      findings.add(
          ErrorCode.SCHEMA_VIOLATION,
          "/header/legalBasis",
          "is not allowed for " + envelope.messageType());
    }
    if ("referral.request".equals(envelope.messageType())
        && !envelope.payload().path("kind").asText().equals(envelope.purpose())) {
      findings.add(ErrorCode.SCHEMA_VIOLATION, "/payload/kind", "must equal /header/purpose");
    }
  }

  private static String sorted(MessagePolicy policy) {
    return String.join(", ", policy.purposes().stream().sorted().toList());
  }
}
