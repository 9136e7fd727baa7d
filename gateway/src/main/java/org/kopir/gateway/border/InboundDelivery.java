package org.kopir.gateway.border;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kopir.gateway.validation.EnvelopeHeader;

/**
 * A message arriving at the border, carried as an exchange property: the signed form exactly as
 * received, its header and the digest receipts name.
 */
public record InboundDelivery(
    ObjectNode signedMessage,
    EnvelopeHeader header,
    String envelopeDigest,
    String caseToken,
    String senderNode) {

  public static final String PROPERTY = "kopirInboundDelivery";

  /** Exchange property: the message repeats one already delivered (answered with its receipt). */
  public static final String REPEAT = "kopirBorderRepeat";
}
