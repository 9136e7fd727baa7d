package org.kopir.gateway.links;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.security.Roles;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/links/{linkKey}}: "have we seen this child before?" from link keys alone. An
 * agency sees the messages addressed to it; an auditor sees all. Each look-up is audited.
 */
@RestController
public class LinkController {

  private final LinkKeyStore store;
  private final AuditTrail audit;
  private final ObjectMapper mapper = new ObjectMapper();

  public LinkController(LinkKeyStore store, AuditTrail audit) {
    this.store = store;
    this.audit = audit;
  }

  @GetMapping(path = "/api/v1/links/{linkKey}", produces = "application/json")
  public ObjectNode linked(@PathVariable String linkKey, Authentication caller) {
    if (!LinkKeyStore.LINK_KEY.matcher(linkKey).matches()) {
      throw new KopirException(ErrorCode.INVALID_PARAMETER, "Not a link key.");
    }
    boolean auditor =
        caller.getAuthorities().stream()
            .anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.AUDITOR));
    String agency = auditor ? null : caller.getName();
    ObjectNode answer = mapper.createObjectNode();
    answer.put("linkKey", linkKey);
    var messages = answer.putArray("messages");
    for (LinkKeyStore.LinkedMessage message : store.find(linkKey, agency)) {
      messages
          .addObject()
          .put("messageId", message.messageId())
          .put("messageType", message.messageType())
          .put("caseToken", message.caseToken())
          .put("recipientAgency", message.recipientAgency())
          .put("receivedAt", message.receivedAt());
    }
    audit.record(
        AuditEntry.of(AuditEvent.AUDIT_VIEWED)
            .actor((auditor ? "user:" : "agency:") + caller.getName())
            .detail("query", "links")
            .detail("linkKey", linkKey)
            .detail("results", messages.size())
            .build());
    return answer;
  }
}
