package org.kopir.gateway.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Outcome of verifying a chain and its checkpoints. When not intact, {@code firstBadSeq} is the
 * lowest seq at which something is wrong ({@code 0} when the checkpoint file itself is malformed)
 * and {@code verifiedThroughSeq} the last seq before it.
 */
public record VerificationReport(
    boolean intact,
    long firstSeq,
    long verifiedThroughSeq,
    Long firstBadSeq,
    String reason,
    long recordsChecked,
    int checkpointsMatched) {

  public ObjectNode toJson() {
    ObjectNode json = AuditJson.MAPPER.createObjectNode();
    json.put("status", intact ? "verified" : "broken");
    json.put("firstSeq", firstSeq);
    json.put("verifiedThroughSeq", verifiedThroughSeq);
    if (firstBadSeq == null) {
      json.putNull("firstBadSeq");
    } else {
      json.put("firstBadSeq", firstBadSeq);
    }
    json.put("reason", reason);
    json.put("recordsChecked", recordsChecked);
    json.put("checkpointsMatched", checkpointsMatched);
    return json;
  }

  /** One line for people and logs. */
  public String summary() {
    if (intact) {
      return "OK: "
          + recordsChecked
          + " records verified"
          + (recordsChecked == 0 ? "" : " (seq " + firstSeq + ".." + verifiedThroughSeq + ")")
          + ", "
          + checkpointsMatched
          + " checkpoints matched";
    }
    return "FAILED at seq " + firstBadSeq + ": " + reason;
  }
}
