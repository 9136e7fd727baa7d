package org.kopir.gateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.kopir.gateway.error.FieldError;

/**
 * Finds numbers written with a fraction or exponent anywhere in a document. SPEC §2 allows integers
 * only, but JSON Schema counts {@code 2.0} as an integer; refusing the written form keeps the
 * canonical bytes (RFC 8785) equal to what the sender wrote.
 */
final class FractionalNumbers {

  static final String MESSAGE = "must be an integer written without fraction or exponent";

  private FractionalNumbers() {}

  static List<FieldError> find(JsonNode document) {
    List<FieldError> errors = new ArrayList<>();
    walk(document, "", errors);
    return errors;
  }

  private static void walk(JsonNode node, String pointer, List<FieldError> errors) {
    if (errors.size() >= SchemaViolations.MAX_ERRORS) {
      return;
    }
    if (node.isFloatingPointNumber()) {
      errors.add(new FieldError(pointer, MESSAGE));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), pointer + "/" + i, errors);
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        walk(member.getValue(), pointer + "/" + JsonPointers.escape(member.getKey()), errors);
      }
    }
  }
}
