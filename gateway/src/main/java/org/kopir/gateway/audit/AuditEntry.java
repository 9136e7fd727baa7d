package org.kopir.gateway.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a step asks the audit trail to record. The trail adds seq, time, node and the hash chain.
 * Only pseudonyms, digests, codes and operational values may appear here, never a protected field.
 */
public record AuditEntry(
    AuditEvent event,
    String messageId,
    String messageType,
    String caseToken,
    String actor,
    AuditOutcome outcome,
    Map<String, Object> detail) {

  public AuditEntry {
    detail = detail == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(detail));
  }

  public static Builder of(AuditEvent event) {
    return new Builder(event);
  }

  /** Fluent builder so call sites name what they set. */
  public static final class Builder {
    private final AuditEvent event;
    private String messageId;
    private String messageType;
    private String caseToken;
    private String actor = "system";
    private AuditOutcome outcome = AuditOutcome.OK;
    private final Map<String, Object> detail = new LinkedHashMap<>();

    private Builder(AuditEvent event) {
      this.event = event;
    }

    public Builder messageId(String value) {
      this.messageId = value;
      return this;
    }

    public Builder messageType(String value) {
      this.messageType = value;
      return this;
    }

    public Builder caseToken(String value) {
      this.caseToken = value;
      return this;
    }

    public Builder actor(String value) {
      this.actor = value;
      return this;
    }

    public Builder outcome(AuditOutcome value) {
      this.outcome = value;
      return this;
    }

    public Builder detail(String key, Object value) {
      if (value != null) {
        detail.put(key, value);
      }
      return this;
    }

    public AuditEntry build() {
      return new AuditEntry(event, messageId, messageType, caseToken, actor, outcome, detail);
    }
  }
}
