package org.kopir.gateway.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/messages/{id}}: the outbound status of a submitted message (SPEC §5, §8). */
@RestController
public class MessageStatusController {

  private final SubmissionLedger ledger;
  private final ObjectMapper mapper = new ObjectMapper();

  public MessageStatusController(SubmissionLedger ledger) {
    this.ledger = ledger;
  }

  @GetMapping(path = "/api/v1/messages/{messageId}", produces = "application/json")
  public ObjectNode status(@PathVariable String messageId) {
    OutboundRecord record =
        ledger
            .find(messageId)
            .orElseThrow(() -> new KopirException(ErrorCode.NOT_FOUND, "No such message."));
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
    return answer;
  }
}
