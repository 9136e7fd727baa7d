package org.kopir.gateway.validation;

import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.node.NodeProperties;

/**
 * The sender must be a local agency of this node and the recipient an agency of the partner node.
 * Whether the authenticated caller is that sender is the intake's check ({@code SENDER_MISMATCH}).
 */
public final class RoutingRule implements EnvelopeRule {

  private final NodeProperties node;

  public RoutingRule(NodeProperties node) {
    this.node = node;
  }

  @Override
  public void check(ValidatedEnvelope envelope, Findings findings) {
    if (!envelope.senderCountry().equals(node.getCountry())) {
      findings.add(
          ErrorCode.UNKNOWN_SENDER, "/header/sender/country", "is not this node's country");
    }
    if (!node.isLocalAgency(envelope.senderAgency())) {
      findings.add(
          ErrorCode.UNKNOWN_SENDER, "/header/sender/agency", "is not a local agency of this node");
    }
    NodeProperties.Partner partner = node.getPartner();
    if (!envelope.recipientCountry().equals(partner.getCountry())) {
      findings.add(
          ErrorCode.UNKNOWN_RECIPIENT, "/header/recipient/country", "is not the partner's country");
    }
    if (!partner.isPartnerAgency(envelope.recipientAgency())) {
      findings.add(
          ErrorCode.UNKNOWN_RECIPIENT,
          "/header/recipient/agency",
          "is not an agency of the partner node");
    }
  }
}
