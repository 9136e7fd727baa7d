package org.kopir.gateway.console.web;

import java.security.Principal;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditTrail;
import org.springframework.stereotype.Component;

/**
 * Records what a person looked at ({@code audit.viewed}) or downloaded ({@code audit.exported}).
 */
@Component
public class Viewer {

  private final AuditTrail audit;

  public Viewer(AuditTrail audit) {
    this.audit = audit;
  }

  public static String actor(Principal principal) {
    return "user:" + principal.getName();
  }

  /** Starts an {@code audit.viewed} record of console page {@code view}. */
  public AuditEntry.Builder viewed(Principal principal, String view) {
    return AuditEntry.of(AuditEvent.AUDIT_VIEWED)
        .actor(actor(principal))
        .detail("channel", "console")
        .detail("view", view);
  }

  public AuditEntry.Builder exported(Principal principal, String what) {
    return AuditEntry.of(AuditEvent.AUDIT_EXPORTED)
        .actor(actor(principal))
        .detail("channel", "console")
        .detail("what", what);
  }

  /** Writes {@code entry} and returns once it is durable: the data may be shown after this. */
  public void record(AuditEntry.Builder entry) {
    audit.record(entry.build());
  }
}
