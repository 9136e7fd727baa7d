package org.kopir.gateway.pseudonymization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;

/**
 * Purpose limitation: per message type, the payload fields the purpose needs. A field outside the
 * profile is refused, never silently forwarded (docs/domain.md "Data-protection rules"). Profile
 * entries are JSON pointers; an entry allows its whole subtree, and the members of an object on the
 * way to an entry are checked one by one (array elements are checked with the pointer of their
 * array). A member whose value is {@code null} carries no data and is not checked.
 */
final class PurposeProfiles {

  private final Map<String, List<String>> profiles;

  PurposeProfiles(Map<String, List<String>> profiles) {
    this.profiles = Map.copyOf(profiles);
  }

  /**
   * @throws KopirException {@link ErrorCode#PURPOSE_LIMITATION} naming every field outside the
   *     profile by its envelope pointer
   */
  void check(String messageType, ObjectNode payload) {
    List<String> profile = profiles.get(messageType);
    if (profile == null) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    visit(payload, "", profile, messageType, errors);
    if (!errors.isEmpty()) {
      throw new KopirException(
          ErrorCode.PURPOSE_LIMITATION,
          "payload holds fields not needed for the purpose of " + messageType,
          errors);
    }
  }

  private static void visit(
      JsonNode node, String pointer, List<String> profile, String type, List<FieldError> errors) {
    if (node.isArray()) {
      node.forEach(element -> visit(element, pointer, profile, type, errors));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      if (member.getValue().isNull()) {
        continue;
      }
      String memberPointer = pointer + "/" + PayloadWalker.escape(member.getKey());
      if (profile.contains(memberPointer)) {
        continue;
      }
      if (profile.stream().anyMatch(allowed -> allowed.startsWith(memberPointer + "/"))) {
        visit(member.getValue(), memberPointer, profile, type, errors);
        continue;
      }
      errors.add(
          new FieldError(
              "/payload" + memberPointer, "not needed for the purpose of a " + type + " message"));
    }
  }
}
