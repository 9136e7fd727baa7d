package org.kopir.gateway.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The facts of one message that the case lifecycle needs, read from its header and cleared payload
 * (consent and closure facts are operational and travel in clear).
 */
public record CaseMessage(
    String messageId,
    String messageType,
    String senderAgency,
    String recipientAgency,
    String correlationId,
    String purpose,
    String legalBasis,
    JsonNode payload) {

  static final String CONSENT_UPDATE = "consent.update";
  static final String CASE_CLOSURE = "case.closure";
  static final String CASE_ERASURE = "case.erasure";
  static final String REFERRAL_REVOKE = "referral.revoke";
  static final String VITAL_INTEREST = "vital-interest";

  /** From an envelope, as submitted or in its border form. */
  public static CaseMessage of(JsonNode envelope) {
    JsonNode header = envelope.path("header");
    return new CaseMessage(
        header.path("messageId").asText(),
        header.path("messageType").asText(),
        header.path("sender").path("agency").asText(),
        header.path("recipient").path("agency").asText(),
        header.path("correlationId").isTextual() ? header.get("correlationId").asText() : null,
        header.path("purpose").asText(),
        header.path("legalBasis").asText(),
        envelope.path("payload"));
  }

  public boolean isConsentUpdate() {
    return CONSENT_UPDATE.equals(messageType);
  }

  public boolean isClosure() {
    return CASE_CLOSURE.equals(messageType);
  }

  public boolean isErasure() {
    return CASE_ERASURE.equals(messageType);
  }

  /** Consent updates, closures and erasures: they change the case rather than carry it forward. */
  public boolean isLifecycle() {
    return isConsentUpdate() || isClosure() || isErasure();
  }

  /** Vital interest with a supervisor's override recorded in the payload (docs/domain.md). */
  public boolean hasVitalInterestOverride() {
    return VITAL_INTEREST.equals(legalBasis)
        && payload.path("consent").path("supervisorOverride").path("recorded").asBoolean(false);
  }

  /** {@code withdrawal}, {@code narrowing} or {@code correction}, for a consent update. */
  public String consentChange() {
    return payload.path("change").asText();
  }

  public String requestedAction() {
    return payload.path("requestedAction").asText();
  }

  /** {@code payload.consent.status} of a consent update, or null. */
  public String statedConsentStatus() {
    JsonNode status = payload.path("consent").path("status");
    return status.isTextual() ? status.asText() : null;
  }

  /** {@code payload.consent.scope} of a consent update; empty when absent. */
  public Set<String> statedScope() {
    Set<String> scope = new LinkedHashSet<>();
    payload.path("consent").path("scope").forEach(item -> scope.add(item.asText()));
    return scope;
  }

  public LocalDate closedOn() {
    return LocalDate.parse(payload.path("closedOn").asText());
  }
}
