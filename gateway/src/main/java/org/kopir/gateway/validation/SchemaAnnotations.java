package org.kopir.gateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that every property declared anywhere in a schema document carries a valid {@value
 * DataClass#KEYWORD} and {@value Handling#KEYWORD}. Conditions under {@code if} and {@code not}
 * only test values and declare nothing, so they are not required to carry annotations.
 */
public final class SchemaAnnotations {

  private static final Set<String> CONDITION_KEYWORDS = Set.of("if", "not");

  private SchemaAnnotations() {}

  /** Each problem as "schema-pointer: what is wrong"; empty when the document is complete. */
  public static List<String> problems(JsonNode schema) {
    List<String> problems = new ArrayList<>();
    walk(schema, "", problems);
    return problems;
  }

  private static void walk(JsonNode node, String pointer, List<String> problems) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), pointer + "/" + i, problems);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    JsonNode properties = node.get("properties");
    if (properties != null && properties.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> property = it.next();
        checkProperty(
            property.getValue(),
            pointer + "/properties/" + JsonPointers.escape(property.getKey()),
            problems);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      if (CONDITION_KEYWORDS.contains(member.getKey())) {
        continue;
      }
      walk(member.getValue(), pointer + "/" + JsonPointers.escape(member.getKey()), problems);
    }
  }

  private static void checkProperty(JsonNode property, String pointer, List<String> problems) {
    JsonNode dataClass = property.get(DataClass.KEYWORD);
    if (dataClass == null) {
      problems.add(pointer + ": missing " + DataClass.KEYWORD);
    } else if (!isDataClass(dataClass.asText()) || !dataClass.isTextual()) {
      problems.add(pointer + ": invalid " + DataClass.KEYWORD + " " + dataClass);
    }
    JsonNode handling = property.get(Handling.KEYWORD);
    if (handling == null) {
      problems.add(pointer + ": missing " + Handling.KEYWORD);
    } else if (!handling.isTextual() || Handling.fromSchemaValue(handling.asText()).isEmpty()) {
      problems.add(pointer + ": invalid " + Handling.KEYWORD + " " + handling);
    }
  }

  private static boolean isDataClass(String value) {
    for (DataClass dataClass : DataClass.values()) {
      if (dataClass.name().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
