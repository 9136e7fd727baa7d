package org.kopir.gateway.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.ExchangeProperties;
import org.apache.camel.ExchangeProperty;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditStore;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.border.InboundDelivery;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.intake.Submission;
import org.kopir.gateway.node.Partners;
import org.kopir.gateway.pseudonymization.PartnerPseudonyms;
import org.kopir.gateway.pseudonymization.Pseudonymizer;
import org.springframework.stereotype.Component;

/**
 * The case-lifecycle steps of the intake and border routes (SPEC §13): before a message goes on,
 * its case is found and the recorded consent and closure are applied to it; once the message is
 * registered, its consent update, closure or override is recorded and audited.
 */
@Component("caseLifecycle")
public class CaseSteps {

  private final CaseStore cases;
  private final PartnerPseudonyms pseudonyms;
  private final Partners partners;
  private final RetentionProperties retention;
  private final AuditTrail audit;
  private final AuditStore auditRecords;
  private final Clock clock;

  public CaseSteps(
      CaseStore cases,
      PartnerPseudonyms pseudonyms,
      Partners partners,
      RetentionProperties retention,
      AuditTrail audit,
      AuditStore auditRecords,
      Clock clock) {
    this.cases = cases;
    this.pseudonyms = pseudonyms;
    this.partners = partners;
    this.retention = retention;
    this.audit = audit;
    this.auditRecords = auditRecords;
    this.clock = clock;
  }

  /**
   * Before pseudonymization: the case of the submitted {@code caseRef}, under every kept pseudonym
   * key of the partnership, or of the message it answers; refused if the recorded state forbids it,
   * and a consent update or closure only for a case this node holds, from one of its agencies.
   */
  public void checkSubmission(
      @ExchangeProperty(Submission.PROPERTY) Submission submission,
      @ExchangeProperties Map<String, Object> properties) {
    ObjectNode envelope = submission.envelope();
    CaseMessage message = CaseMessage.of(envelope);
    List<String> tokens = tokensOf(submission);
    CaseResolution found = resolve(tokens, message.correlationId(), message, CaseRules.Side.INTAKE);
    if (message.isLifecycle()) {
      if (!found.known()) {
        throw new KopirException(
            ErrorCode.UNKNOWN_CASE,
            "This node holds no message of the case (/header/caseRef, /header/correlationId).");
      }
      if (!cases.isParty(found.key(), message.senderAgency())) {
        throw new KopirException(
            ErrorCode.NOT_CASE_PARTY,
            "The sending agency has neither sent nor received a message of this case.");
      }
    }
    properties.put(CaseResolution.PROPERTY, found);
  }

  /** After registration: the alias, and what a consent update, closure or override records. */
  public void recordSubmission(
      @ExchangeProperty(Submission.PROPERTY) Submission submission,
      @ExchangeProperty(CaseResolution.PROPERTY) CaseResolution found) {
    cases.join(submission.caseToken(), found.key());
    record(
        found,
        CaseMessage.of(submission.envelope()),
        submission.caseToken(),
        submission.actor(),
        CaseRules.Side.INTAKE);
  }

  /**
   * After verification: the case of the partner's case token, or of the message it answers; a
   * message the recorded consent or closure forbids is refused with a signed receipt.
   */
  public void checkDelivery(
      @ExchangeProperty(InboundDelivery.PROPERTY) InboundDelivery delivery,
      @ExchangeProperties Map<String, Object> properties) {
    JsonNode envelope = delivery.signedMessage().path("envelope");
    CaseMessage message = CaseMessage.of(envelope);
    List<String> tokens = delivery.caseToken() == null ? List.of() : List.of(delivery.caseToken());
    properties.put(
        CaseResolution.PROPERTY,
        resolve(tokens, message.correlationId(), message, CaseRules.Side.BORDER));
  }

  /** After registration at the border: the alias and the partner's consent update or closure. */
  public void recordDelivery(
      @ExchangeProperty(InboundDelivery.PROPERTY) InboundDelivery delivery,
      @ExchangeProperty(CaseResolution.PROPERTY) CaseResolution found) {
    cases.join(delivery.caseToken(), found.key());
    record(
        found,
        CaseMessage.of(delivery.signedMessage().path("envelope")),
        delivery.caseToken(),
        "node",
        CaseRules.Side.BORDER);
  }

  /**
   * The case of a message: an alias of one of its tokens, or one of its tokens that has a recorded
   * state; for a lifecycle message also a token that names a message held here; otherwise the case
   * of the message it answers; otherwise a new case under its own token. Two queries for a message
   * that opens a case, a few more for one that answers.
   */
  private CaseResolution resolve(
      List<String> tokens, String correlationId, CaseMessage message, CaseRules.Side side) {
    Optional<String> alias = cases.aliasOf(tokens);
    CaseState state =
        alias.isPresent()
            ? cases.state(alias.get()).orElse(null)
            : cases.stateOfAny(tokens).orElse(null);
    Optional<String> key = alias.or(() -> Optional.ofNullable(state).map(CaseState::caseKey));
    if (key.isEmpty() && message.isLifecycle()) {
      key = cases.firstHeld(tokens);
    }
    boolean known = key.isPresent();
    CaseState recorded = state;
    if (key.isEmpty() && correlationId != null) {
      key = cases.tokenOfMessage(correlationId).map(cases::keyOf);
      known = key.isPresent();
      recorded = key.flatMap(cases::state).orElse(null);
    }
    String caseKey = key.orElse(tokens.isEmpty() ? null : tokens.get(0));
    return new CaseResolution(caseKey, known, recorded, CaseRules.check(recorded, message, side));
  }

  /** The case token of the submission under every kept key of the partnership, current first. */
  private List<String> tokensOf(Submission submission) {
    String partner =
        partners
            .country(submission.header().recipientCountry())
            .orElseThrow(
                () ->
                    new KopirException(
                        ErrorCode.UNKNOWN_RECIPIENT, "The recipient is not at a partner node."))
            .node();
    Pseudonymizer pseudonymizer = pseudonyms.pseudonymizer(partner);
    String country = submission.header().senderCountry();
    String agency = submission.header().senderAgency();
    String caseRef = submission.envelope().path("header").path("caseRef").asText();
    return new ArrayList<>(
        pseudonymizer
            .underEveryKid(kid -> pseudonymizer.caseToken(country, agency, caseRef, kid))
            .values());
  }

  private void record(
      CaseResolution found,
      CaseMessage message,
      String caseToken,
      String actor,
      CaseRules.Side side) {
    if (found.key() == null) {
      return;
    }
    CaseState state = found.state();
    if (found.verdict() == CaseRules.Verdict.OVERRIDE && !audited(message, caseToken)) {
      audit.record(
          entry(AuditEvent.CONSENT_OVERRIDDEN, message, caseToken, actor)
              .detail("consent", state.consent().name().toLowerCase(java.util.Locale.ROOT))
              .detail(
                  "overrideReason",
                  message
                      .payload()
                      .path("consent")
                      .path("supervisorOverride")
                      .path("reason")
                      .asText(null))
              .build());
    }
    if (message.isConsentUpdate()
        && (state == null || !message.messageId().equals(state.consentMessageId()))) {
      ConsentState consent = CaseRules.resultingConsent(message);
      cases.recordConsent(found.key(), consent, message.statedScope(), message.messageId());
      AuditEntry.Builder changed =
          entry(AuditEvent.CASE_CONSENT_CHANGED, message, caseToken, actor)
              .detail("change", message.consentChange())
              .detail("consent", consent.name().toLowerCase(java.util.Locale.ROOT))
              .detail("requestedAction", message.requestedAction());
      if (consent == ConsentState.NARROWED) {
        changed.detail("scope", List.copyOf(message.statedScope()));
      }
      audit.record(changed.build());
      if ("erase".equals(message.requestedAction())) {
        cases.scheduleErasure(
            found.key(),
            side == CaseRules.Side.BORDER
                ? clock.instant().plus(retention.getEraseRequestGrace())
                : clock.instant(),
            "consent.update:erase");
      }
    }
    if (message.isErasure()) {
      String reason = message.payload().path("reason").asText();
      var eraseAfter =
          side == CaseRules.Side.BORDER
              ? clock.instant().plus(retention.getEraseRequestGrace())
              : clock.instant();
      if (state == null || state.eraseAfter() == null || state.eraseAfter().isAfter(eraseAfter)) {
        cases.scheduleErasure(found.key(), eraseAfter, "case.erasure:" + reason);
        audit.record(
            entry(AuditEvent.CASE_ERASURE_REQUESTED, message, caseToken, actor)
                .detail("reason", reason)
                .detail("eraseAfter", eraseAfter.toString())
                .build());
      }
    }
    if (message.isClosure()
        && (state == null
            || (!state.closed() && !message.messageId().equals(state.closureMessageId())))) {
      var eraseAfter =
          retention
              .afterClosure(message.legalBasis())
              .after(message.closedOn().atStartOfDay(ZoneOffset.UTC).toInstant());
      cases.recordClosure(found.key(), message.closedOn(), message.messageId(), eraseAfter);
      audit.record(
          entry(AuditEvent.CASE_CLOSED, message, caseToken, actor)
              .detail("reason", message.payload().path("reason").asText())
              .detail("closedOn", message.closedOn().toString())
              .detail("retention", retention.afterClosure(message.legalBasis()).toString())
              .detail("eraseAfter", eraseAfter.toString())
              .build());
    }
  }

  private boolean audited(CaseMessage message, String caseToken) {
    return auditRecords.byMessageId(message.messageId()).stream()
        .anyMatch(record -> AuditEvent.CONSENT_OVERRIDDEN.wireName().equals(record.event()));
  }

  private static AuditEntry.Builder entry(
      AuditEvent event, CaseMessage message, String caseToken, String actor) {
    return AuditEntry.of(event)
        .messageId(message.messageId())
        .messageType(message.messageType())
        .caseToken(caseToken)
        .actor(actor);
  }
}
