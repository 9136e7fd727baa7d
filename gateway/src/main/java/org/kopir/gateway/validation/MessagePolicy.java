package org.kopir.gateway.validation;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Per message type: the purposes and legal bases it may name, whether it carries personal data of
 * the child (and so needs consent or a vital-interest override), and whether it must refer to an
 * earlier message through {@code correlationId}.
 */
public record MessagePolicy(
    String messageType,
    Set<String> purposes,
    Set<String> legalBases,
    boolean carriesPersonalData,
    boolean requiresCorrelation) {

  private static final Set<String> REFERRAL_PURPOSES =
      Set.of("referral", "transfer", "tracing", "return-preparation");
  private static final Set<String> INFO_PURPOSES =
      Set.of(
          "referral",
          "transfer",
          "tracing",
          "return-preparation",
          "family-assessment",
          "case-management");
  private static final Set<String> ALL_BASES = Set.of("treaty", "law", "consent", "vital-interest");
  private static final Set<String> NON_URGENT_BASES = Set.of("treaty", "law", "consent");

  /**
   * Only requests open an exchange; everything else answers or continues one. Vital interest is
   * reserved for messages that move the child's data in an emergency.
   */
  private static final Map<String, MessagePolicy> POLICIES =
      Map.ofEntries(
          policy("referral.request", REFERRAL_PURPOSES, ALL_BASES, true, false),
          policy("referral.response", REFERRAL_PURPOSES, NON_URGENT_BASES, false, true),
          policy("referral.revoke", REFERRAL_PURPOSES, NON_URGENT_BASES, false, true),
          policy("status.update", REFERRAL_PURPOSES, NON_URGENT_BASES, false, true),
          policy("info.request", INFO_PURPOSES, ALL_BASES, true, false),
          policy("info.response", INFO_PURPOSES, ALL_BASES, true, true),
          policy("tracing.result", Set.of("tracing", "family-assessment"), ALL_BASES, true, true),
          policy(
              "handover.notice", Set.of("return-preparation", "transfer"), ALL_BASES, true, true),
          policy("followup.report", Set.of("follow-up"), NON_URGENT_BASES, true, true),
          policy("consent.update", Set.of("consent-management"), NON_URGENT_BASES, false, true),
          policy("case.closure", Set.of("case-closure"), NON_URGENT_BASES, false, true),
          policy("case.erasure", Set.of("case-closure"), NON_URGENT_BASES, false, true));

  private static Map.Entry<String, MessagePolicy> policy(
      String type,
      Set<String> purposes,
      Set<String> bases,
      boolean carriesPersonalData,
      boolean requiresCorrelation) {
    return Map.entry(
        type, new MessagePolicy(type, purposes, bases, carriesPersonalData, requiresCorrelation));
  }

  public static Optional<MessagePolicy> forType(String messageType) {
    return Optional.ofNullable(POLICIES.get(messageType));
  }

  /** The message types this table covers; must equal the types the schemas define. */
  public static Set<String> messageTypes() {
    return POLICIES.keySet();
  }
}
