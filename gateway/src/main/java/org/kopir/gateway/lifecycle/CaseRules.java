package org.kopir.gateway.lifecycle;

import java.util.Map;
import java.util.Set;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;

/**
 * What the recorded state of a case allows (SPEC §13.2, §13.3). At intake the rules are strict: a
 * consent update must agree with what is recorded. At the border the partner's consent updates and
 * closures are recorded as the partner states them (its node checked them against its own record),
 * while every other message is held to the recorded consent and closure alike.
 */
public final class CaseRules {

  /** Where the message is: submitted by a local agency, or delivered by a partner node. */
  public enum Side {
    INTAKE,
    BORDER
  }

  /** What the message does to the case once accepted. */
  public enum Verdict {
    /** Nothing recorded stands in the way. */
    PASS,
    /** Passes only because of a vital-interest override of withdrawn or narrowed consent. */
    OVERRIDE
  }

  /** The consent scope each purpose needs (SPEC §13.2). Lifecycle purposes need none. */
  static final Map<String, String> SCOPE_OF_PURPOSE =
      Map.of(
          "referral", "services",
          "transfer", "services",
          "return-preparation", "services",
          "case-management", "services",
          "follow-up", "services",
          "tracing", "tracing",
          "family-assessment", "tracing");

  private static final Set<String> NO_CONSENT = Set.of("withdrawn", "refused", "not-obtainable");

  private CaseRules() {}

  /**
   * @param state the recorded state of the message's case, or null when nothing is recorded
   * @throws KopirException with {@code CASE_CLOSED}, {@code CONSENT_WITHDRAWN}, {@code
   *     PURPOSE_LIMITATION} or {@code CONSENT_CONFLICT}
   */
  public static Verdict check(CaseState state, CaseMessage message, Side side) {
    if (state != null && state.erased()) {
      throw new KopirException(
          ErrorCode.CASE_CLOSED, "The case was closed and what this node held about it erased.");
    }
    if (message.isErasure()) {
      return Verdict.PASS;
    }
    if (message.isClosure()) {
      if (state != null && state.closed() && side == Side.INTAKE) {
        throw new KopirException(ErrorCode.CASE_CLOSED, "The case is already closed.");
      }
      return Verdict.PASS;
    }
    if (message.isConsentUpdate()) {
      if (side == Side.INTAKE) {
        checkConsentUpdate(state, message);
      }
      return Verdict.PASS;
    }
    if (state == null) {
      return Verdict.PASS;
    }
    if (state.closed()) {
      throw new KopirException(
          ErrorCode.CASE_CLOSED, "The case is closed: only consent updates may still travel.");
    }
    if (state.consent() == ConsentState.WITHDRAWN
        && !CaseMessage.REFERRAL_REVOKE.equals(message.messageType())) {
      if (message.hasVitalInterestOverride()) {
        return Verdict.OVERRIDE;
      }
      throw new KopirException(
          ErrorCode.CONSENT_WITHDRAWN,
          "Consent for this case was withdrawn; only legal basis vital-interest with a recorded"
              + " supervisor override may still share the child's data.");
    }
    if (state.consent() == ConsentState.NARROWED) {
      String needed = SCOPE_OF_PURPOSE.get(message.purpose());
      if (needed != null && !state.scope().contains(needed)) {
        if (message.hasVitalInterestOverride()) {
          return Verdict.OVERRIDE;
        }
        throw new KopirException(
            ErrorCode.PURPOSE_LIMITATION,
            "The consent for this case was narrowed and no longer covers this purpose.",
            java.util.List.of(new FieldError("/header/purpose", "needs consent scope " + needed)));
      }
    }
    return Verdict.PASS;
  }

  /** The consent a consent update leaves, as recorded (SPEC §13.2). */
  public static ConsentState resultingConsent(CaseMessage message) {
    return switch (message.consentChange()) {
      case "withdrawal" -> ConsentState.WITHDRAWN;
      case "narrowing" -> ConsentState.NARROWED;
      default ->
          NO_CONSENT.contains(message.statedConsentStatus())
              ? ConsentState.WITHDRAWN
              : ConsentState.GIVEN;
    };
  }

  private static void checkConsentUpdate(CaseState state, CaseMessage message) {
    String stated = message.statedConsentStatus();
    switch (message.consentChange()) {
      case "withdrawal" -> {
        if (stated != null && !NO_CONSENT.contains(stated)) {
          throw conflict(
              "/payload/consent/status", "a withdrawal leaves consent withdrawn, not " + stated);
        }
      }
      case "narrowing" -> {
        if (state != null && state.consent() == ConsentState.WITHDRAWN) {
          throw conflict(
              "/payload/change",
              "consent for this case is withdrawn; a correction, not a narrowing, records it"
                  + " again");
        }
        if (!"given".equals(stated) || message.statedScope().isEmpty()) {
          throw conflict(
              "/payload/consent", "a narrowing states the consent given and its remaining scope");
        }
        if (state != null
            && state.consent() == ConsentState.NARROWED
            && !state.scope().containsAll(message.statedScope())) {
          throw conflict(
              "/payload/consent/scope",
              "a narrowing cannot widen the recorded scope "
                  + state.scope().stream().sorted().toList());
        }
      }
      default -> {
        if (stated == null) {
          throw conflict("/payload/consent", "a correction states the consent as it now stands");
        }
      }
    }
  }

  private static KopirException conflict(String pointer, String message) {
    return new KopirException(
        ErrorCode.CONSENT_CONFLICT,
        "The consent update contradicts the consent recorded for this case.",
        java.util.List.of(new FieldError(pointer, message)));
  }
}
