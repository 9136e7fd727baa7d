package org.kopir.gateway.audit;

/** The audit event catalogue (SPEC §7). Names are published: extend, never rename. */
public enum AuditEvent {
  MESSAGE_RECEIVED("message.received"),
  MESSAGE_REJECTED("message.rejected"),
  MESSAGE_PSEUDONYMIZED("message.pseudonymized"),
  MESSAGE_SIGNED("message.signed"),
  MESSAGE_QUEUED("message.queued"),
  DELIVERY_ATTEMPTED("delivery.attempted"),
  DELIVERY_FAILED("delivery.failed"),
  DELIVERY_OVERDUE("delivery.overdue"),
  RESPONSE_OVERDUE("response.overdue"),
  MESSAGE_DELIVERED("message.delivered"),
  MESSAGE_RETRIEVED("message.retrieved"),
  MESSAGE_DEAD_LETTERED("message.dead-lettered"),
  MESSAGE_REFUSED("message.refused"),
  MESSAGE_REPLAYED("message.replayed"),
  BORDER_RECEIVED("border.received"),
  BORDER_REFUSED("border.refused"),
  BORDER_VERIFIED("border.verified"),
  INBOX_ENQUEUED("inbox.enqueued"),
  INBOX_RETRIEVED("inbox.retrieved"),
  IDENTITY_REVEALED("identity.revealed"),
  RECEIPT_SENT("receipt.sent"),
  RECEIPT_RECEIVED("receipt.received"),
  AUDIT_VIEWED("audit.viewed"),
  AUDIT_EXPORTED("audit.exported"),
  AUDIT_PURGED("audit.purged"),
  CONFIG_CHANGED("config.changed"),
  KEY_ROTATED("key.rotated"),
  USER_SIGNED_IN("user.signed-in"),
  USER_SIGN_IN_FAILED("user.sign-in-failed"),
  USER_LOCKED_OUT("user.locked-out"),
  USER_SIGNED_OUT("user.signed-out"),
  REPLAY_REQUESTED("operator.replay-requested"),
  RECEIPT_DEAD_LETTERED("receipt.dead-lettered"),
  RECEIPT_REPLAYED("receipt.replayed"),
  CASE_CONSENT_CHANGED("case.consent-changed"),
  CONSENT_OVERRIDDEN("consent.overridden"),
  CASE_CLOSED("case.closed"),
  CASE_ERASURE_REQUESTED("case.erasure-requested"),
  CASE_ERASED("case.erased"),
  /** A key destroyed after its overlap (a pseudonym key's file overwritten and deleted). */
  KEY_DESTROYED("key.destroyed");

  private final String wireName;

  AuditEvent(String wireName) {
    this.wireName = wireName;
  }

  /** The name as written in audit records and exports. */
  public String wireName() {
    return wireName;
  }

  public static AuditEvent fromWireName(String name) {
    for (AuditEvent event : values()) {
      if (event.wireName.equals(name)) {
        return event;
      }
    }
    throw new IllegalArgumentException("unknown audit event: " + name);
  }
}
