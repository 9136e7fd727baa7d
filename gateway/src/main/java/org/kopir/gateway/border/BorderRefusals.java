package org.kopir.gateway.border;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditOutcome;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.crypto.Canonicalizer;
import org.kopir.gateway.crypto.MessageSigner;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.error.ProblemBody;
import org.kopir.gateway.node.Partner;
import org.kopir.gateway.observability.MessageMetrics;
import org.kopir.gateway.refusals.Refusals;
import org.springframework.stereotype.Component;

/**
 * Answers a refused border delivery with a signed {@code REFUSED} receipt carrying the code, which
 * the sending node takes as final (SPEC §5.2). A failure of this node rather than of the message (a
 * code with a 5xx status: {@code INTERNAL_ERROR}, {@code SERVICE_UNAVAILABLE}, for example the
 * inbox's broker or the database gone for a moment) is answered with its status and a problem
 * document but no receipt: the sender retries, and the retry resumes the registered delivery.
 */
@Component("borderRefusals")
public class BorderRefusals {

  private final Receipts receipts;
  private final MessageSigner signer;
  private final MessageMetrics metrics;
  private final AuditTrail audit;

  public BorderRefusals(
      Receipts receipts, MessageSigner signer, MessageMetrics metrics, AuditTrail audit) {
    this.receipts = receipts;
    this.signer = signer;
    this.metrics = metrics;
    this.audit = audit;
  }

  /**
   * The message id an unverifiable message claims, echoed so the sender can settle its message; the
   * signed REFUSED receipt vouches only that this node refused what it received.
   */
  private static String claimedMessageId(ObjectNode received) {
    if (received == null) {
      return null;
    }
    JsonNode id = received.path("envelope").path("header").path("messageId");
    return id.isTextual() && id.asText().length() == 36 ? id.asText() : null;
  }

  private static String claimedDigest(ObjectNode received) {
    JsonNode envelope = received == null ? null : received.get("envelope");
    return envelope instanceof ObjectNode object ? Canonicalizer.digestHex(object) : null;
  }

  /** A failure of this node, not of what the partner sent: answered without a receipt. */
  static boolean isTransient(ErrorCode code) {
    return code.httpStatus() >= 500;
  }

  /**
   * Audits {@code border.refused}, preceded in the same commit by the delivery's {@code
   * border.verified} when the message was verified and that record is not written yet, and answers.
   */
  public void answer(Exchange exchange) {
    KopirException refusal =
        Refusals.of(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    boolean failed = isTransient(refusal.code());
    metrics.refused("border", refusal.code().name());
    InboundDelivery delivery =
        exchange.getProperty(InboundDelivery.PROPERTY, InboundDelivery.class);
    List<AuditEntry> records = new ArrayList<>(BorderIntake.takeVerifiedRecord(exchange));
    records.add(
        AuditEntry.of(AuditEvent.BORDER_REFUSED)
            .messageId(delivery == null ? null : delivery.header().messageId())
            .messageType(delivery == null ? null : delivery.header().messageType())
            .caseToken(delivery == null ? null : delivery.caseToken())
            .actor("node:" + exchange.getProperty(Partner.BORDER_PEER, "unknown", String.class))
            .outcome(failed ? AuditOutcome.FAILED : AuditOutcome.REFUSED)
            .detail("code", refusal.code().name())
            .build());
    audit.recordAll(records);
    Message message = exchange.getMessage();
    message.removeHeaders("*");
    message.setHeader(Exchange.HTTP_RESPONSE_CODE, refusal.code().httpStatus());
    if (failed) {
      message.setHeader(Exchange.CONTENT_TYPE, ProblemBody.MEDIA_TYPE);
      message.setBody(ProblemBody.of(refusal).toString());
      return;
    }
    ObjectNode receipt =
        receipts.issue(
            ReceiptOutcome.REFUSED,
            delivery == null ? null : delivery.header().messageId(),
            delivery == null ? null : delivery.envelopeDigest(),
            refusal.code().name());
    message.setHeader(Exchange.CONTENT_TYPE, "application/json");
    message.setBody(signer.signReceipt(receipt).toString());
  }
}
