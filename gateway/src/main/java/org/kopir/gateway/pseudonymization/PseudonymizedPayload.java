package org.kopir.gateway.pseudonymization;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A payload split for the border.
 *
 * @param cleared the payload without protected and dropped fields, with pseudonyms and birth years
 *     in place: travels in clear inside the signed envelope
 * @param protectedFields the removed fields at their payload paths (arrays keep their length, with
 *     {@code null} for elements that had nothing protected); empty if nothing was protected. This
 *     is the plaintext of the identity block and must go straight to the cipher
 * @param linkKeys {@code pid} and {@code ndb} link keys of the child under every kept kid, current
 *     kid first
 * @param droppedPointers envelope pointers ({@code /payload/...}) of fields dropped, for the audit
 */
public record PseudonymizedPayload(
    ObjectNode cleared,
    ObjectNode protectedFields,
    List<String> linkKeys,
    List<String> droppedPointers) {

  public PseudonymizedPayload {
    linkKeys = List.copyOf(linkKeys);
    droppedPointers = List.copyOf(droppedPointers);
  }

  public boolean hasProtectedFields() {
    return !protectedFields.isEmpty();
  }

  /** Never prints the protected fields. */
  @Override
  public String toString() {
    return "PseudonymizedPayload[protectedFields="
        + (hasProtectedFields() ? "present" : "none")
        + ", linkKeys="
        + linkKeys
        + ", droppedPointers="
        + droppedPointers
        + "]";
  }
}
