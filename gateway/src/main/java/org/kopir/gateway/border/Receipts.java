package org.kopir.gateway.border;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.stereotype.Component;

/** Issues this node's receipts (SPEC §5), to be signed by the node's signing key. */
@Component
public class Receipts {

  private final ObjectMapper mapper = new ObjectMapper();
  private final NodeProperties node;
  private final Clock clock;

  public Receipts(NodeProperties node, Clock clock) {
    this.node = node;
    this.clock = clock;
  }

  public ObjectNode issue(
      ReceiptOutcome outcome, String messageId, String messageDigest, String reason) {
    ObjectNode receipt = mapper.createObjectNode();
    receipt.put(
        "receiptId", com.fasterxml.uuid.Generators.timeBasedEpochGenerator().generate().toString());
    receipt.put("messageId", messageId);
    receipt.put("messageDigest", messageDigest);
    receipt.put("outcome", outcome.name());
    if (reason == null) {
      receipt.putNull("reason");
    } else {
      receipt.put("reason", reason);
    }
    receipt.put("at", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    receipt.put("node", node.getNode());
    return receipt;
  }
}
