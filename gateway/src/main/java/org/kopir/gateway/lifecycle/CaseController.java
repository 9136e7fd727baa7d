package org.kopir.gateway.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.intake.CaseSummaries;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The recorded state of a case ({@code GET /api/v1/cases/{caseToken}}, auditors and operators) and
 * early erasure ({@code POST /api/v1/cases/{caseToken}/erasure}, operators), SPEC §13.5.
 */
@RestController
public class CaseController implements CaseSummaries {

  static final Set<String> ERASURE_REASONS =
      Set.of("court-order", "data-subject-request", "supervisory-authority", "other");
  private static final Pattern CASE_TOKEN =
      Pattern.compile("case\\.[a-z0-9_-]{1,32}\\.[a-z2-7]{26}");

  private final CaseStore cases;
  private final ErasureNotices notices;
  private final AuditTrail audit;
  private final Clock clock;
  private final ObjectMapper mapper = new ObjectMapper();

  public CaseController(CaseStore cases, ErasureNotices notices, AuditTrail audit, Clock clock) {
    this.cases = cases;
    this.notices = notices;
    this.audit = audit;
    this.clock = clock;
  }

  @GetMapping(path = "/api/v1/cases/{caseToken}", produces = "application/json")
  public ObjectNode state(@PathVariable String caseToken, Authentication caller) {
    ObjectNode answer = summary(requireHeld(caseToken)).orElseThrow();
    audit.record(
        AuditEntry.of(AuditEvent.AUDIT_VIEWED)
            .caseToken(caseToken)
            .actor("user:" + caller.getName())
            .detail("query", "case-state")
            .build());
    return answer;
  }

  /**
   * Orders the erasure of a case now (a court order, say): it is erased at the next retention pass
   * once none of its messages is still on its way.
   */
  @PostMapping(
      path = "/api/v1/cases/{caseToken}/erasure",
      consumes = "application/json",
      produces = "application/json")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public ObjectNode erase(
      @PathVariable String caseToken, @RequestBody JsonNode body, Authentication caller) {
    String reason = body == null ? null : body.path("reason").asText(null);
    if (reason == null || !ERASURE_REASONS.contains(reason)) {
      throw new KopirException(
          ErrorCode.INVALID_PARAMETER,
          "reason must be one of " + ERASURE_REASONS.stream().sorted().toList() + ".");
    }
    String key = requireHeld(caseToken);
    CaseState state = cases.state(key).orElse(null);
    if (state != null && state.erased()) {
      throw new KopirException(ErrorCode.CASE_CLOSED, "The case is already erased.");
    }
    String actor = "user:" + caller.getName();
    audit.record(
        AuditEntry.of(AuditEvent.CASE_ERASURE_REQUESTED)
            .caseToken(key)
            .actor(actor)
            .detail("reason", reason)
            .build());
    // The notices are registered first, so the erasure waits until they have left.
    List<String> sent = notices.send(key, reason, actor);
    cases.scheduleErasure(key, clock.instant(), "operator:" + reason);
    ObjectNode answer = summary(key).orElseThrow();
    var ids = answer.putArray("notices");
    sent.forEach(ids::add);
    return answer;
  }

  /** The recorded state of the case of {@code caseToken}; empty if none is recorded. */
  @Override
  public Optional<ObjectNode> summary(String caseToken) {
    if (caseToken == null) {
      return Optional.empty();
    }
    String key = cases.keyOf(caseToken);
    ObjectNode answer = mapper.createObjectNode();
    answer.put("caseToken", key);
    answer.putArray("aliases");
    cases.members(key).stream()
        .filter(token -> !token.equals(key))
        .forEach(token -> answer.withArray("aliases").add(token));
    Optional<CaseState> recorded = cases.state(key);
    CaseState state = recorded.orElse(null);
    answer.put(
        "consent",
        state == null || state.consent() == null
            ? "as-stated"
            : state.consent().name().toLowerCase(Locale.ROOT));
    var scope = answer.putArray("scope");
    if (state != null) {
      state.scope().stream().sorted().forEach(scope::add);
    }
    answer.put(
        "closedOn", state == null || state.closedOn() == null ? null : state.closedOn().toString());
    answer.put(
        "eraseAfter",
        state == null || state.eraseAfter() == null ? null : state.eraseAfter().toString());
    answer.put("erasureReason", state == null ? null : state.erasureReason());
    answer.put(
        "erasedAt", state == null || state.erasedAt() == null ? null : state.erasedAt().toString());
    return Optional.of(answer);
  }

  private String requireHeld(String caseToken) {
    if (!CASE_TOKEN.matcher(caseToken).matches()) {
      throw new KopirException(ErrorCode.INVALID_PARAMETER, "Not a case token.");
    }
    String key = cases.keyOf(caseToken);
    if (cases.state(key).isEmpty() && cases.firstHeld(java.util.List.of(key)).isEmpty()) {
      throw new KopirException(ErrorCode.NOT_FOUND, "No such case.");
    }
    return key;
  }
}
