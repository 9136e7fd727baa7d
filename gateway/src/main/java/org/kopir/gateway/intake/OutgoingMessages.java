package org.kopir.gateway.intake;

import org.apache.camel.ExchangeProperty;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.crypto.MessageSigner;
import org.springframework.stereotype.Component;

/**
 * Signs the processed envelope into its border form (SPEC §3): {@code {"envelope": ...,
 * "signature": ...}}, the exact bytes that will cross the border on any transport. Its audit record
 * {@code message.signed} is written when the submission registers the message.
 */
@Component("outgoingMessages")
public class OutgoingMessages {

  private final MessageSigner signer;

  public OutgoingMessages(MessageSigner signer) {
    this.signer = signer;
  }

  public void build(@ExchangeProperty(Submission.PROPERTY) Submission submission) {
    MessageSigner.SignedMessage message = signer.signMessageWithDigest(submission.envelope());
    String digest = message.envelopeDigest();
    submission.outgoing(message.signed().toString(), digest);
    submission.recordOnRegistration(
        AuditEntry.of(AuditEvent.MESSAGE_SIGNED)
            .messageId(submission.messageId())
            .messageType(submission.header().messageType())
            .caseToken(submission.caseToken())
            .actor("node")
            .detail("messageDigest", digest)
            .build());
  }
}
