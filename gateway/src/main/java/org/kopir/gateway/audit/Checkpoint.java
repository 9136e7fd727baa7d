package org.kopir.gateway.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A signed statement {@code {"node","seq","hash","time"}} that record {@code seq} of the chain had
 * {@code hash} at {@code time}. {@code signature} is the base64 DER CMS SignedData (detached) over
 * the canonical bytes of the body.
 */
public record Checkpoint(String node, long seq, String hash, Instant time, String signature) {

  public static final String SIGNATURE_FORMAT = "cms-detached-v1";

  /** The signed body, members in canonical (sorted) order so the export is its JCS form. */
  public ObjectNode body() {
    ObjectNode body = AuditJson.MAPPER.createObjectNode();
    body.put("hash", hash);
    body.put("node", node);
    body.put("seq", seq);
    body.put("time", AuditJson.formatTime(time));
    return body;
  }

  /** One line of the checkpoint export: {@code {"checkpoint": {...}, "signature": {...}}}. */
  public ObjectNode toJson() {
    ObjectNode line = AuditJson.MAPPER.createObjectNode();
    line.set("checkpoint", body());
    ObjectNode sig = line.putObject("signature");
    sig.put("format", SIGNATURE_FORMAT);
    sig.put("value", signature);
    return line;
  }
}
