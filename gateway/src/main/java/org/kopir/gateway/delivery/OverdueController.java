package org.kopir.gateway.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.Principal;
import java.util.List;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.node.Partner;
import org.kopir.gateway.node.Partners;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of overdue messages (SPEC §8, role OPERATOR): {@code GET
 * /api/v1/dead-letters?view=overdue}, the messages the overdue watch found past their time frame.
 */
@RestController
public class OverdueController {

  static final int MAX_PAGE_SIZE = 200;

  private final OverdueWatch overdue;
  private final AuditTrail audit;
  private final ObjectMapper mapper = new ObjectMapper();

  private final Partners partners;

  public OverdueController(OverdueWatch overdue, AuditTrail audit, Partners partners) {
    this.overdue = overdue;
    this.audit = audit;
    this.partners = partners;
  }

  @GetMapping(
      value = "/api/v1/dead-letters",
      produces = MediaType.APPLICATION_JSON_VALUE,
      params = "view=overdue")
  public ObjectNode list(
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      Principal principal) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new KopirException(
          ErrorCode.INVALID_PARAMETER,
          "Invalid query parameter.",
          List.of(new FieldError("/size", "page must be >= 0 and size 1.." + MAX_PAGE_SIZE)));
    }
    List<Overdue> all = overdue.list();
    ObjectNode body = mapper.createObjectNode();
    body.put("page", page);
    body.put("size", size);
    body.put("totalElements", all.size());
    ArrayNode items = body.putArray("items");
    all.stream()
        .skip((long) page * size)
        .limit(size)
        .forEach(
            late ->
                items
                    .addObject()
                    .put("messageId", late.messageId())
                    .put("messageType", late.messageType())
                    .put("recipientAgency", late.recipientAgency())
                    .put(
                        "partner",
                        partners.agency(late.recipientAgency()).map(Partner::node).orElse(null))
                    .put("kind", late.kind())
                    .put("status", late.status())
                    .put("submittedAt", late.submittedAt().toString())
                    .put("dueAt", late.dueAt().toString()));
    audit.record(
        AuditEntry.of(AuditEvent.AUDIT_VIEWED)
            .actor("user:" + principal.getName())
            .detail("view", "overdue")
            .detail("page", page)
            .build());
    return body;
  }
}
