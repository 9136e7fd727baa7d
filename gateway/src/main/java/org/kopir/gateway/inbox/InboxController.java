package org.kopir.gateway.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.Principal;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/inbox} and {@code POST /api/v1/inbox/{id}/ack} (SPEC §8) for the agency named
 * by the caller's TLS client certificate.
 */
@RestController
@RequestMapping("/api/v1/inbox")
public class InboxController {

  private static final int MAX_PAGE = 100;

  private final InboxService inbox;
  private final ObjectMapper mapper = new ObjectMapper();

  public InboxController(InboxService inbox) {
    this.inbox = inbox;
  }

  @GetMapping(produces = "application/json")
  public ObjectNode list(
      Principal agency, @RequestParam(name = "limit", defaultValue = "50") int limit) {
    ObjectNode answer = mapper.createObjectNode();
    answer.put("agency", agency.getName());
    var items = answer.putArray("items");
    inbox.list(agency.getName(), Math.max(1, Math.min(limit, MAX_PAGE))).forEach(items::add);
    return answer;
  }

  @PostMapping("/{messageId}/ack")
  public ResponseEntity<Void> acknowledge(Principal agency, @PathVariable String messageId) {
    if (!inbox.acknowledge(agency.getName(), messageId)) {
      throw new KopirException(ErrorCode.NOT_FOUND, "No such inbox item.");
    }
    return ResponseEntity.noContent().build();
  }
}
