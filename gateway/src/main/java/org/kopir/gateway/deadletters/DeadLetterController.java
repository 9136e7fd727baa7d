package org.kopir.gateway.deadletters;

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
import org.kopir.gateway.intake.OutboundStatus;
import org.kopir.gateway.node.Partner;
import org.kopir.gateway.node.Partners;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of failed deliveries (SPEC §8, role OPERATOR): {@code GET /api/v1/dead-letters}
 * lists dead-lettered and refused messages, {@code ?view=overdue} the overdue ones, and {@code POST
 * /api/v1/dead-letters/{id}/replay} puts a dead letter back on its outbound queue. {@code GET
 * /api/v1/dead-letters/receipts} lists the receipts for the partner it never took, and {@code POST
 * /api/v1/dead-letters/receipts/{id}/replay} puts one back on the receipts queue.
 */
@RestController
@RequestMapping("/api/v1/dead-letters")
public class DeadLetterController {

  static final int MAX_PAGE_SIZE = 200;

  private final DeadLetterStore store;
  private final DeadLetters deadLetters;
  private final AuditTrail audit;
  private final ObjectMapper mapper = new ObjectMapper();

  private final ReceiptDeadLetterStore receiptStore;
  private final ReceiptDeadLetters receiptDeadLetters;
  private final Partners partners;

  public DeadLetterController(
      DeadLetterStore store,
      DeadLetters deadLetters,
      ReceiptDeadLetterStore receiptStore,
      ReceiptDeadLetters receiptDeadLetters,
      AuditTrail audit,
      Partners partners) {
    this.partners = partners;
    this.store = store;
    this.deadLetters = deadLetters;
    this.receiptStore = receiptStore;
    this.receiptDeadLetters = receiptDeadLetters;
    this.audit = audit;
  }

  /** Every view but {@code overdue}, which {@code delivery.OverdueController} answers. */
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE, params = "view!=overdue")
  public ObjectNode list(
      @RequestParam(defaultValue = "dead-letters") String view,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      Principal principal) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw invalid("/size", "page must be >= 0 and size 1.." + MAX_PAGE_SIZE);
    }
    ObjectNode body =
        switch (view) {
          case "dead-letters" -> deadLetters(page, size);
          default -> throw invalid("/view", "must be dead-letters or overdue");
        };
    audit.record(
        AuditEntry.of(AuditEvent.AUDIT_VIEWED)
            .actor(actor(principal))
            .detail("view", view)
            .detail("page", page)
            .build());
    return body;
  }

  @PostMapping(path = "/{messageId}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<ObjectNode> replay(@PathVariable String messageId, Principal principal) {
    OutboundStatus status = deadLetters.replay(messageId, actor(principal));
    ObjectNode body = mapper.createObjectNode();
    body.put("messageId", messageId);
    body.put("status", status.name());
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .header("Location", "/api/v1/messages/" + messageId)
        .body(body);
  }

  /** Receipts for the partner whose attempts the broker exhausted; ids and codes, no bodies. */
  @GetMapping(path = "/receipts", produces = MediaType.APPLICATION_JSON_VALUE)
  public ObjectNode receipts(
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      Principal principal) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw invalid("/size", "page must be >= 0 and size 1.." + MAX_PAGE_SIZE);
    }
    ObjectNode body = pageBody(page, size, receiptStore.count());
    ArrayNode items = body.putArray("items");
    for (DeadReceipt receipt : receiptStore.page(page, size)) {
      items
          .addObject()
          .put("messageId", receipt.messageId())
          .put("receiptId", receipt.receiptId())
          .put("outcome", receipt.outcome())
          .put("reason", receipt.reason())
          .put("lastFailure", receipt.lastFailure())
          .put("attempts", receipt.attempts())
          .put("deadLetteredAt", receipt.deadLetteredAt().toString());
    }
    audit.record(
        AuditEntry.of(AuditEvent.AUDIT_VIEWED)
            .actor(actor(principal))
            .detail("view", "dead-letter-receipts")
            .detail("page", page)
            .build());
    return body;
  }

  @PostMapping(path = "/receipts/{messageId}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<ObjectNode> replayReceipt(
      @PathVariable String messageId, Principal principal) {
    receiptDeadLetters.replay(messageId, actor(principal));
    ObjectNode body = mapper.createObjectNode();
    body.put("messageId", messageId);
    body.put("status", "QUEUED");
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
  }

  private ObjectNode deadLetters(int page, int size) {
    ObjectNode body = pageBody(page, size, store.count());
    ArrayNode items = body.putArray("items");
    for (DeadLetter letter : store.page(page, size)) {
      items
          .addObject()
          .put("messageId", letter.messageId())
          .put("messageType", letter.messageType())
          .put("recipientAgency", letter.recipientAgency())
          .put("partner", partners.agency(letter.recipientAgency()).map(Partner::node).orElse(null))
          .put("status", letter.status().name())
          .put("reason", letter.reason())
          .put("lastFailure", letter.lastFailure())
          .put("attempts", letter.attempts())
          .put("deadLetteredAt", letter.deadLetteredAt().toString())
          .put("replayable", letter.replayable());
    }
    return body;
  }

  private ObjectNode pageBody(int page, int size, long total) {
    ObjectNode body = mapper.createObjectNode();
    body.put("page", page);
    body.put("size", size);
    body.put("totalElements", total);
    return body;
  }

  private static String actor(Principal principal) {
    return "user:" + principal.getName();
  }

  private static KopirException invalid(String pointer, String message) {
    return new KopirException(
        ErrorCode.INVALID_PARAMETER,
        "Invalid query parameter.",
        List.of(new FieldError(pointer, message)));
  }
}
