package org.kopir.gateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import org.kopir.gateway.error.ErrorCode;

/**
 * A message carrying the child's personal data needs recorded consent covering sharing with the
 * partner's authorities, unless the legal basis is vital interest and a supervisor recorded an
 * override (docs/domain.md "Consent"). A refused information request carries no such data.
 */
public final class ConsentRule implements EnvelopeRule {

  static final String SHARING_SCOPE = "sharing-with-authorities";

  @Override
  public void check(ValidatedEnvelope envelope, Findings findings) {
    MessagePolicy policy = MessagePolicy.forType(envelope.messageType()).orElseThrow();
    if (!policy.carriesPersonalData() || isRefusal(envelope)) {
      return;
    }
    JsonNode consent = envelope.payload().path("consent");
    if (ValidatedEnvelope.VITAL_INTEREST.equals(envelope.legalBasis())) {
      if (!consent.path("supervisorOverride").path("recorded").asBoolean(false)) {
        findings.add(
            ErrorCode.CONSENT_REQUIRED,
            "/payload/consent/supervisorOverride",
            "a recorded supervisor override is required under vital-interest");
      }
      return;
    }
    if (consent.isMissingNode()) {
      findings.add(ErrorCode.CONSENT_REQUIRED, "/payload/consent", "is required");
      return;
    }
    if (!"given".equals(consent.path("status").asText())) {
      findings.add(
          ErrorCode.CONSENT_REQUIRED,
          "/payload/consent/status",
          "must be given, or the legal basis vital-interest with a supervisor override");
    }
    requireMember(consent, "givenBy", findings);
    requireMember(consent, "date", findings);
    if (!containsText(consent.path("scope"), SHARING_SCOPE)) {
      findings.add(
          ErrorCode.CONSENT_REQUIRED, "/payload/consent/scope", "must include " + SHARING_SCOPE);
    }
  }

  private static boolean isRefusal(ValidatedEnvelope envelope) {
    return "info.response".equals(envelope.messageType())
        && "refused".equals(envelope.payload().path("outcome").asText());
  }

  private static void requireMember(JsonNode consent, String member, Findings findings) {
    if (consent.path(member).isMissingNode()) {
      findings.add(
          ErrorCode.CONSENT_REQUIRED, "/payload/consent/" + member, "is required for consent");
    }
  }

  private static boolean containsText(JsonNode array, String value) {
    for (JsonNode item : array) {
      if (value.equals(item.asText())) {
        return true;
      }
    }
    return false;
  }
}
