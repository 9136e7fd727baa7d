package org.kopir.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.kopir.gateway.crypto.Canonicalizer;

/**
 * One stored audit record (SPEC §7). Its JSON form always has all twelve members; a value that is
 * absent is written as JSON {@code null}, and {@code detail} is always an object. {@code hash} is
 * the lower-case hex SHA-256 of the RFC 8785 canonical bytes of that JSON without the {@code hash}
 * member.
 */
public record AuditRecord(
    long seq,
    Instant time,
    String node,
    String event,
    String messageId,
    String messageType,
    String caseToken,
    String actor,
    String outcome,
    ObjectNode detail,
    String prevHash,
    String hash) {

  /** A row of table {@code audit_record} (every column). */
  public static AuditRecord fromRow(java.sql.ResultSet rows) throws java.sql.SQLException {
    return new AuditRecord(
        rows.getLong("seq"),
        rows.getObject("recorded_at", OffsetDateTime.class).toInstant(),
        rows.getString("node"),
        rows.getString("event"),
        rows.getString("message_id"),
        rows.getString("message_type"),
        rows.getString("case_token"),
        rows.getString("actor"),
        rows.getString("outcome"),
        AuditJson.parseObject(rows.getString("detail")),
        rows.getString("prev_hash"),
        rows.getString("hash"));
  }

  /** {@code prevHash} of record 1. */
  public static final String GENESIS_HASH = "0".repeat(64);

  /** Member names of a record, in the order they are written. */
  public static final List<String> MEMBERS =
      List.of(
          "seq",
          "time",
          "node",
          "event",
          "messageId",
          "messageType",
          "caseToken",
          "actor",
          "outcome",
          "detail",
          "prevHash",
          "hash");

  public AuditRecord {
    time = time.truncatedTo(ChronoUnit.MILLIS);
    detail = detail == null ? AuditJson.MAPPER.createObjectNode() : detail.deepCopy();
  }

  /** The record that follows {@code prevHash}, with its hash computed. */
  static AuditRecord chain(long seq, Instant time, String node, AuditEntry entry, String prevHash) {
    ObjectNode detail = AuditJson.MAPPER.valueToTree(entry.detail());
    AuditRecord unhashed =
        new AuditRecord(
            seq,
            time,
            node,
            entry.event().wireName(),
            entry.messageId(),
            entry.messageType(),
            entry.caseToken(),
            entry.actor(),
            entry.outcome() == null ? null : entry.outcome().wireName(),
            detail,
            prevHash,
            null);
    return unhashed.withHash(hashOf(unhashed.json(false)));
  }

  private AuditRecord withHash(String value) {
    return new AuditRecord(
        seq,
        time,
        node,
        event,
        messageId,
        messageType,
        caseToken,
        actor,
        outcome,
        detail,
        prevHash,
        value);
  }

  /** The JSON form, as exported (one line of the JSON Lines export). */
  public ObjectNode toJson() {
    return json(true);
  }

  /**
   * The JSON form; with {@code copyDetail} false it shares this record's detail, for a reader that
   * does not keep or change it.
   */
  private ObjectNode json(boolean copyDetail) {
    ObjectNode json = AuditJson.MAPPER.createObjectNode();
    json.put("seq", seq);
    json.put("time", AuditJson.formatTime(time));
    json.put("node", node);
    json.put("event", event);
    json.put("messageId", messageId);
    json.put("messageType", messageType);
    json.put("caseToken", caseToken);
    json.put("actor", actor);
    json.put("outcome", outcome);
    json.set("detail", copyDetail ? detail.deepCopy() : detail);
    json.put("prevHash", prevHash);
    if (hash != null) {
      json.put("hash", hash);
    }
    return json;
  }

  /** The hash rule: SHA-256 hex of the canonical bytes of {@code record} without {@code hash}. */
  public static String hashOf(JsonNode record) {
    // A shallow copy: the canonical form only reads the members.
    ObjectNode withoutHash = AuditJson.MAPPER.createObjectNode();
    record.properties().stream()
        .filter(member -> !member.getKey().equals("hash"))
        .forEach(member -> withoutHash.set(member.getKey(), member.getValue()));
    return Canonicalizer.digestHex(withoutHash);
  }
}
