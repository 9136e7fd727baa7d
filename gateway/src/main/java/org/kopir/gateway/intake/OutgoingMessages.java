package org.kopir.gateway.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.ExchangeProperty;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.crypto.MessageSigner;
import org.springframework.stereotype.Component;

/**
 * Signs the processed envelope into its border form (SPEC §3): {@code {"envelope": ...,
 * "signature": ...}}, the exact bytes that will cross the border on any transport.
 */
@Component("outgoingMessages")
public class OutgoingMessages {

  private final MessageSigner signer;
  private final AuditTrail audit;

  public OutgoingMessages(MessageSigner signer, AuditTrail audit) {
    this.signer = signer;
    this.audit = audit;
  }

  public void build(@ExchangeProperty(Submission.PROPERTY) Submission submission) {
    ObjectNode signed = signer.signMessage(submission.envelope());
    String digest = MessageSigner.digest(submission.envelope());
    submission.outgoing(signed.toString(), digest);
    audit.record(
        AuditEntry.of(AuditEvent.MESSAGE_SIGNED)
            .messageId(submission.messageId())
            .messageType(submission.header().messageType())
            .caseToken(submission.caseToken())
            .actor("node")
            .detail("messageDigest", digest)
            .build());
  }
}
