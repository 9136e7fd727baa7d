package org.kopir.gateway.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.lifecycle.CaseRules.Side;
import org.kopir.gateway.lifecycle.CaseRules.Verdict;

class CaseRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void withoutARecordedStateEveryMessagePasses() {
    assertThat(
            CaseRules.check(null, message("referral.request", "referral", "treaty"), Side.INTAKE))
        .isEqualTo(Verdict.PASS);
  }

  @Test
  void withdrawnConsentRefusesEveryMessageButLifecycleRevokeAndVitalInterestOverride() {
    CaseState withdrawn = state(ConsentState.WITHDRAWN, Set.of(), null, null);

    for (String type : new String[] {"referral.request", "referral.response", "status.update"}) {
      assertCode(() -> CaseRules.check(withdrawn, message(type, "referral", "treaty"), Side.BORDER))
          .isEqualTo(ErrorCode.CONSENT_WITHDRAWN);
    }
    assertThat(
            CaseRules.check(
                withdrawn, message("referral.revoke", "referral", "treaty"), Side.INTAKE))
        .isEqualTo(Verdict.PASS);
    assertThat(CaseRules.check(withdrawn, overridden(), Side.INTAKE)).isEqualTo(Verdict.OVERRIDE);
    assertThat(
            CaseRules.check(
                withdrawn, message("case.closure", "case-closure", "treaty"), Side.INTAKE))
        .isEqualTo(Verdict.PASS);
  }

  @Test
  void narrowedConsentRefusesPurposesOutsideItsScopeUnlessOverridden() {
    CaseState narrowed = state(ConsentState.NARROWED, Set.of("tracing"), null, null);

    assertCode(
            () ->
                CaseRules.check(
                    narrowed, message("referral.request", "referral", "treaty"), Side.INTAKE))
        .isEqualTo(ErrorCode.PURPOSE_LIMITATION);
    assertThat(
            CaseRules.check(
                narrowed, message("info.request", "family-assessment", "treaty"), Side.INTAKE))
        .isEqualTo(Verdict.PASS);
    assertThat(CaseRules.check(narrowed, overridden(), Side.INTAKE)).isEqualTo(Verdict.OVERRIDE);
  }

  @Test
  void aClosedCaseTakesConsentUpdatesOnlyAndAnErasedOneNothing() {
    CaseState closed = state(null, Set.of(), LocalDate.parse("2026-11-30"), null);
    CaseState erased =
        state(null, Set.of(), LocalDate.parse("2026-11-30"), Instant.parse("2026-12-01T00:00:00Z"));

    assertCode(
            () ->
                CaseRules.check(
                    closed, message("status.update", "referral", "treaty"), Side.BORDER))
        .isEqualTo(ErrorCode.CASE_CLOSED);
    assertCode(
            () ->
                CaseRules.check(
                    closed, message("case.closure", "case-closure", "treaty"), Side.INTAKE))
        .isEqualTo(ErrorCode.CASE_CLOSED);
    assertThat(
            CaseRules.check(closed, message("case.closure", "case-closure", "treaty"), Side.BORDER))
        .isEqualTo(Verdict.PASS);
    assertThat(CaseRules.check(closed, consentUpdate("withdrawal", "withdrawn"), Side.INTAKE))
        .isEqualTo(Verdict.PASS);
    assertCode(() -> CaseRules.check(erased, consentUpdate("withdrawal", "withdrawn"), Side.BORDER))
        .isEqualTo(ErrorCode.CASE_CLOSED);
  }

  @Test
  void consentUpdatesThatContradictTheRecordAreRefusedAtIntakeAndRecordedAtTheBorder() {
    CaseState withdrawn = state(ConsentState.WITHDRAWN, Set.of(), null, null);
    CaseState narrowed = state(ConsentState.NARROWED, Set.of("tracing"), null, null);
    CaseMessage narrowing = consentUpdate("narrowing", "given", "tracing");
    CaseMessage widening = consentUpdate("narrowing", "given", "tracing", "services");

    assertCode(() -> CaseRules.check(withdrawn, narrowing, Side.INTAKE))
        .isEqualTo(ErrorCode.CONSENT_CONFLICT);
    assertCode(() -> CaseRules.check(narrowed, widening, Side.INTAKE))
        .isEqualTo(ErrorCode.CONSENT_CONFLICT);
    assertCode(() -> CaseRules.check(null, consentUpdate("withdrawal", "given"), Side.INTAKE))
        .isEqualTo(ErrorCode.CONSENT_CONFLICT);
    assertThat(CaseRules.check(withdrawn, narrowing, Side.BORDER)).isEqualTo(Verdict.PASS);
    assertThat(CaseRules.check(withdrawn, consentUpdate("correction", "given"), Side.INTAKE))
        .isEqualTo(Verdict.PASS);
  }

  @Test
  void theResultingConsentFollowsTheChangeAndACorrectionsStatedStatus() {
    assertThat(CaseRules.resultingConsent(consentUpdate("withdrawal", "withdrawn")))
        .isEqualTo(ConsentState.WITHDRAWN);
    assertThat(CaseRules.resultingConsent(consentUpdate("narrowing", "given", "tracing")))
        .isEqualTo(ConsentState.NARROWED);
    assertThat(CaseRules.resultingConsent(consentUpdate("correction", "given")))
        .isEqualTo(ConsentState.GIVEN);
    assertThat(CaseRules.resultingConsent(consentUpdate("correction", "refused")))
        .isEqualTo(ConsentState.WITHDRAWN);
  }

  private static org.assertj.core.api.AbstractComparableAssert<?, ErrorCode> assertCode(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
    assertThat(thrown).isInstanceOf(KopirException.class);
    return assertThat(((KopirException) thrown).code());
  }

  private static CaseState state(
      ConsentState consent, Set<String> scope, LocalDate closedOn, Instant erasedAt) {
    return new CaseState("case.k1.x", consent, scope, null, closedOn, null, null, null, erasedAt);
  }

  private static CaseMessage message(String type, String purpose, String legalBasis) {
    return new CaseMessage(
        "m-1", type, "kz-cpc", "kg-cpd", "m-0", purpose, legalBasis, JSON.createObjectNode());
  }

  private static CaseMessage overridden() {
    ObjectNode payload = JSON.createObjectNode();
    payload.putObject("consent").putObject("supervisorOverride").put("recorded", true);
    return new CaseMessage(
        "m-1", "referral.request", "kz-cpc", "kg-cpd", null, "referral", "vital-interest", payload);
  }

  private static CaseMessage consentUpdate(String change, String status, String... scope) {
    ObjectNode payload = JSON.createObjectNode().put("change", change);
    ObjectNode consent = payload.putObject("consent").put("status", status);
    var items = consent.putArray("scope");
    for (String item : scope) {
      items.add(item);
    }
    return new CaseMessage(
        "m-1",
        "consent.update",
        "kz-cpc",
        "kg-cpd",
        "m-0",
        "consent-management",
        "treaty",
        payload);
  }
}
