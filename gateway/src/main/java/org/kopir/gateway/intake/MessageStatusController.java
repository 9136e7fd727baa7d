package org.kopir.gateway.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditQueryService;
import org.kopir.gateway.audit.AuditRecord;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.security.Roles;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/messages/{id}}: the outbound status of a submitted message and the timeline of
 * its audit events (SPEC §5, §8), for the sending agency, auditors and operators. A person's read
 * is itself audited.
 */
@RestController
public class MessageStatusController {

  private final SubmissionLedger ledger;
  private final AuditQueryService auditQueries;
  private final AuditTrail audit;
  private final CaseSummaries cases;
  private final ObjectMapper mapper = new ObjectMapper();

  public MessageStatusController(
      SubmissionLedger ledger,
      AuditQueryService auditQueries,
      AuditTrail audit,
      CaseSummaries cases) {
    this.ledger = ledger;
    this.cases = cases;
    this.auditQueries = auditQueries;
    this.audit = audit;
  }

  @GetMapping(path = "/api/v1/messages/{messageId}", produces = "application/json")
  public ObjectNode status(@PathVariable String messageId, Authentication caller) {
    OutboundRecord record =
        ledger
            .find(messageId)
            .orElseThrow(() -> new KopirException(ErrorCode.NOT_FOUND, "No such message."));
    boolean person = hasRole(caller, Roles.AUDITOR) || hasRole(caller, Roles.OPERATOR);
    if (!person && !record.senderAgency().equals(caller.getName())) {
      // Another agency learns nothing, not even that the id exists.
      throw new KopirException(ErrorCode.NOT_FOUND, "No such message.");
    }
    ObjectNode answer = mapper.createObjectNode();
    answer.put("messageId", record.messageId());
    answer.put("messageType", record.messageType());
    answer.put("status", record.status().name());
    answer.put("reason", record.statusReason());
    answer.put("senderAgency", record.senderAgency());
    answer.put("recipientAgency", record.recipientAgency());
    answer.put("caseToken", record.caseToken());
    answer.put("priority", record.priority());
    answer.put("attempts", record.attempts());
    answer.put("createdAt", record.createdAt().toString());
    answer.put("updatedAt", record.updatedAt().toString());
    cases.summary(record.caseToken()).ifPresent(summary -> answer.set("case", summary));
    ArrayNode timeline = answer.putArray("timeline");
    for (AuditRecord event : auditQueries.timeline(messageId)) {
      ObjectNode entry = timeline.addObject();
      entry.put("seq", event.seq());
      entry.put("time", event.time().toString());
      entry.put("event", event.event());
      entry.put("actor", event.actor());
      entry.put("outcome", event.outcome());
      entry.set("detail", event.detail());
    }
    if (person) {
      audit.record(
          AuditEntry.of(AuditEvent.AUDIT_VIEWED)
              .messageId(messageId)
              .actor("user:" + caller.getName())
              .detail("query", "message-status")
              .build());
    }
    return answer;
  }

  private static boolean hasRole(Authentication caller, String role) {
    return caller.getAuthorities().stream()
        .anyMatch(authority -> authority.getAuthority().equals("ROLE_" + role));
  }
}
