package org.kopir.gateway.validation;

import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.node.Partners;

/**
 * The sender must be a local agency of this node and the recipient an agency of the partner node
 * that serves the recipient's country: the recipient's country chooses the partner. Whether the
 * authenticated caller is that sender is the intake's check ({@code SENDER_MISMATCH}).
 */
public final class RoutingRule implements EnvelopeRule {

  private final NodeProperties node;
  private final Partners partners;

  public RoutingRule(NodeProperties node, Partners partners) {
    this.node = node;
    this.partners = partners;
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
    var partner = partners.country(envelope.recipientCountry());
    if (partner.isEmpty()) {
      findings.add(
          ErrorCode.UNKNOWN_RECIPIENT,
          "/header/recipient/country",
          "is not the country of a partner node");
    }
    if (partner.map(p -> !p.isAgency(envelope.recipientAgency())).orElse(true)) {
      findings.add(
          ErrorCode.UNKNOWN_RECIPIENT,
          "/header/recipient/agency",
          "is not an agency of the partner node of that country");
    }
  }
}
