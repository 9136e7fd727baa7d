package org.kopir.gateway.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.kopir.gateway.broker.MessageHeaders;

/**
 * A receipt for the partner as it travels on the receipts queue: the signed receipt {receipt,
 * signature} as body and the message id as JMS property. Parking and replaying keep these bytes.
 */
public record ParkedReceipt(
    String messageId, String receiptId, String outcome, String signedReceipt) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * The receipt carried by a JMS message: the message id from its property, the receipt id and
   * outcome read from the signed receipt (null when it cannot be read).
   */
  public static ParkedReceipt of(String signedReceipt, Map<String, Object> headers) {
    String receiptId = null;
    String outcome = null;
    if (signedReceipt != null) {
      try {
        JsonNode receipt = MAPPER.readTree(signedReceipt).path("receipt");
        receiptId = text(receipt.path("receiptId"), 36);
        outcome = text(receipt.path("outcome"), 16);
      } catch (IOException unreadable) {
        // kept as it is: the partner judges the bytes
      }
    }
    return new ParkedReceipt(
        MessageHeaders.text(headers, MessageHeaders.MESSAGE_ID), receiptId, outcome, signedReceipt);
  }

  /** The member's text if it fits its column, else null. */
  private static String text(JsonNode node, int longest) {
    return node.isTextual() && node.asText().length() <= longest ? node.asText() : null;
  }
}
