package org.kopir.gateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.kopir.gateway.error.FieldError;

/**
 * Turns validator output into {@link FieldError}s. The messages are written here from the schema
 * keyword and the schema's own values, never from the library's text, so that no submitted value
 * can appear in a refusal.
 */
final class SchemaViolations {

  /** Upper bound on reported errors: enough to fix a document, bounded for hostile input. */
  static final int MAX_ERRORS = 200;

  private SchemaViolations() {}

  static List<FieldError> toFieldErrors(Collection<ValidationMessage> messages) {
    Set<FieldError> errors = new LinkedHashSet<>();
    for (ValidationMessage message : messages) {
      errors.add(new FieldError(pointer(message), describe(message)));
    }
    List<FieldError> sorted = new ArrayList<>(errors);
    sorted.sort(Comparator.comparing(FieldError::pointer).thenComparing(FieldError::message));
    return sorted.size() > MAX_ERRORS ? List.copyOf(sorted.subList(0, MAX_ERRORS)) : sorted;
  }

  /** Both lists, sorted by pointer and bounded like {@link #toFieldErrors}. */
  static List<FieldError> merge(List<FieldError> first, List<FieldError> second) {
    if (second.isEmpty()) {
      return first;
    }
    Set<FieldError> errors = new LinkedHashSet<>(first);
    errors.addAll(second);
    List<FieldError> sorted = new ArrayList<>(errors);
    sorted.sort(Comparator.comparing(FieldError::pointer).thenComparing(FieldError::message));
    return sorted.size() > MAX_ERRORS ? List.copyOf(sorted.subList(0, MAX_ERRORS)) : sorted;
  }

  /** The instance location, extended by the member name for member-level keywords. */
  static String pointer(ValidationMessage message) {
    String base = toPointer(message.getInstanceLocation());
    String type = message.getType();
    boolean namesMember = "required".equals(type) || "additionalProperties".equals(type);
    if (namesMember && message.getProperty() != null) {
      return base + "/" + JsonPointers.escape(message.getProperty());
    }
    return base;
  }

  private static String toPointer(JsonNodePath path) {
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      pointer.append('/').append(JsonPointers.escape(String.valueOf(element)));
    }
    return pointer.toString();
  }

  static String describe(ValidationMessage message) {
    JsonNode schemaValue = message.getSchemaNode();
    String type = message.getType();
    return switch (type == null ? "" : type) {
      case "required" -> "is required";
      case "additionalProperties", "unevaluatedProperties" -> "is not allowed by the schema";
      case "type" -> "must be of type " + typeList(schemaValue);
      case "enum" -> "must be one of " + valueList(schemaValue);
      case "const" -> "must be " + schemaValue;
      case "pattern" -> "does not have the required form";
      case "format" -> "is not a valid " + schemaValue.asText();
      case "minLength" -> "must have at least " + schemaValue.asInt() + " characters";
      case "maxLength" -> "must have at most " + schemaValue.asInt() + " characters";
      case "minimum" -> "must be at least " + schemaValue.asText();
      case "maximum" -> "must be at most " + schemaValue.asText();
      case "minItems" -> "must have at least " + schemaValue.asInt() + " items";
      case "maxItems" -> "must have at most " + schemaValue.asInt() + " items";
      case "uniqueItems" -> "must not contain duplicate items";
      case "anyOf" -> anyOfRequirement(schemaValue);
      case "false" -> "is not allowed by the schema";
      default -> "does not satisfy the schema keyword " + type;
    };
  }

  private static String typeList(JsonNode schemaValue) {
    if (!schemaValue.isArray()) {
      return schemaValue.asText();
    }
    List<String> names = new ArrayList<>();
    schemaValue.forEach(n -> names.add(n.asText()));
    return String.join(" or ", names);
  }

  private static String valueList(JsonNode schemaValue) {
    List<String> names = new ArrayList<>();
    schemaValue.forEach(n -> names.add(n.isTextual() ? n.asText() : n.toString()));
    return String.join(", ", names);
  }

  /** Our schemas use anyOf only for "at least one of these members"; say which. */
  private static String anyOfRequirement(JsonNode schemaValue) {
    List<String> members = new ArrayList<>();
    for (JsonNode alternative : schemaValue) {
      alternative.path("required").forEach(n -> members.add(n.asText()));
    }
    if (members.isEmpty()) {
      return "does not match any allowed form";
    }
    return "must have at least one of " + String.join(", ", members);
  }
}
