package org.kopir.gateway.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/inbox} and {@code POST /api/v1/inbox/{id}/ack} (SPEC §8). */
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
      @RequestParam("agency") String agency,
      @RequestParam(name = "limit", defaultValue = "50") int limit) {
    ObjectNode answer = mapper.createObjectNode();
    answer.put("agency", agency);
    var items = answer.putArray("items");
    for (JsonNode item : inbox.list(agency, Math.max(1, Math.min(limit, MAX_PAGE)))) {
      items.add(item);
    }
    return answer;
  }

  @PostMapping("/{messageId}/ack")
  public ResponseEntity<Void> acknowledge(
      @RequestParam("agency") String agency, @PathVariable String messageId) {
    if (!inbox.acknowledge(agency, messageId)) {
      throw new KopirException(ErrorCode.NOT_FOUND, "No such inbox item.");
    }
    return ResponseEntity.noContent().build();
  }
}
