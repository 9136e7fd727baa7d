package org.kopir.gateway.pseudonymization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.validation.DataClass;
import org.kopir.gateway.validation.Handling;

/**
 * One walk of one payload along its schema. Follows {@code properties}, {@code items}, {@code $ref}
 * (to other documents through the {@link SchemaResolver} and within a document) and the members of
 * {@code allOf}/{@code anyOf}/{@code oneOf}/{@code then}/{@code else}. The input payload is never
 * modified: the cleared and protected trees are built anew.
 */
final class PayloadWalker {

  static final String DATA_CLASS = "x-data-class";
  static final String HANDLING = "x-handling";

  /** A chain of $refs longer than this is a cycle or a schema nobody can review. */
  private static final int MAX_REF_HOPS = 32;

  private static final Pattern DATE_PREFIX = Pattern.compile("(\\d{4})(-\\d{2}(-\\d{2})?)?");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final SchemaResolver resolver;
  private final UnaryOperator<String> pseudonymizeValue;
  private final List<String> dropped = new ArrayList<>();
  private final List<FieldError> errors = new ArrayList<>();

  PayloadWalker(SchemaResolver resolver, UnaryOperator<String> pseudonymizeValue) {
    this.resolver = resolver;
    this.pseudonymizeValue = pseudonymizeValue;
  }

  /** A schema node together with the document its local {@code #/...} refs resolve in. */
  private record Schema(JsonNode node, JsonNode document) {}

  /** What becomes of one value: its cleared form (null = removed) and its protected part. */
  private record Split(JsonNode cleared, JsonNode protectedPart) {}

  PseudonymizedPayload walk(ObjectNode payload, JsonNode payloadSchema, List<String> linkKeys) {
    Split split = descend(payload, new Schema(payloadSchema, payloadSchema), "");
    if (!errors.isEmpty()) {
      throw new KopirException(
          ErrorCode.SCHEMA_VIOLATION, "payload holds fields the schema does not classify", errors);
    }
    ObjectNode protectedFields =
        split.protectedPart() == null ? NODES.objectNode() : (ObjectNode) split.protectedPart();
    return new PseudonymizedPayload(
        (ObjectNode) split.cleared(), protectedFields, linkKeys, dropped);
  }

  private Split handleProperty(JsonNode value, Schema property, String pointer) {
    Handling handling = annotations(property.node(), pointer);
    return switch (handling) {
      case DROP -> {
        dropped.add("/payload" + pointer);
        yield new Split(null, null);
      }
      case PROTECT -> new Split(null, value.deepCopy());
      case BIRTH_YEAR -> birthYear(value, pointer);
      case PSEUDONYMIZE -> pseudonymize(value, pointer);
      case CLEAR -> descend(value, property, pointer);
    };
  }

  /** Walks the members of a value the schema lets through in clear. */
  private Split descend(JsonNode value, Schema schema, String pointer) {
    if (value.isObject()) {
      return object((ObjectNode) value, schema, pointer);
    }
    if (value.isArray()) {
      return array((ArrayNode) value, schema, pointer);
    }
    return new Split(value, null);
  }

  private Split object(ObjectNode value, Schema schema, String pointer) {
    Map<String, Schema> properties = properties(schema, pointer);
    ObjectNode cleared = NODES.objectNode();
    ObjectNode protectedPart = NODES.objectNode();
    for (Map.Entry<String, JsonNode> member : value.properties()) {
      String memberPointer = pointer + "/" + escape(member.getKey());
      Schema property = properties.get(member.getKey());
      if (property == null) {
        // Fail closed: a field nobody classified must not travel, whatever additionalProperties
        // says.
        errors.add(new FieldError("/payload" + memberPointer, "not defined by the schema"));
        continue;
      }
      Split split = handleProperty(member.getValue(), property, memberPointer);
      if (split.cleared() != null) {
        cleared.set(member.getKey(), split.cleared());
      }
      if (split.protectedPart() != null) {
        protectedPart.set(member.getKey(), split.protectedPart());
      }
    }
    return new Split(cleared, protectedPart.isEmpty() ? null : protectedPart);
  }

  private Split array(ArrayNode value, Schema schema, String pointer) {
    Schema items = items(schema, pointer);
    ArrayNode cleared = NODES.arrayNode(value.size());
    ArrayNode protectedPart = NODES.arrayNode(value.size());
    boolean anyProtected = false;
    for (int i = 0; i < value.size(); i++) {
      Split split = descend(value.get(i), items, pointer + "/" + i);
      cleared.add(split.cleared());
      protectedPart.add(
          split.protectedPart() == null ? NullNode.getInstance() : split.protectedPart());
      anyProtected |= split.protectedPart() != null;
    }
    return new Split(cleared, anyProtected ? protectedPart : null);
  }

  private Split birthYear(JsonNode value, String pointer) {
    if (value.isNull()) {
      return new Split(value, null);
    }
    if (value.isIntegralNumber()) {
      return new Split(value, null);
    }
    Matcher date = value.isTextual() ? DATE_PREFIX.matcher(value.asText()) : null;
    if (date == null || !date.matches()) {
      errors.add(new FieldError("/payload" + pointer, "expected a date YYYY[-MM[-DD]]"));
      return new Split(null, null);
    }
    return new Split(IntNode.valueOf(Integer.parseInt(date.group(1))), value.deepCopy());
  }

  private Split pseudonymize(JsonNode value, String pointer) {
    if (value.isNull()) {
      return new Split(value, null);
    }
    if (!(value.isTextual() || value.isIntegralNumber()) || value.asText().isBlank()) {
      errors.add(new FieldError("/payload" + pointer, "expected a non-empty string or integer"));
      return new Split(null, null);
    }
    return new Split(TextNode.valueOf(pseudonymizeValue.apply(value.asText())), null);
  }

  private static Handling annotations(JsonNode property, String pointer) {
    JsonNode dataClass = property.get(DATA_CLASS);
    JsonNode handling = property.get(HANDLING);
    if (dataClass == null || handling == null || !dataClass.isTextual() || !handling.isTextual()) {
      throw new IllegalStateException(
          "schema property for " + pointer + " lacks " + DATA_CLASS + " or " + HANDLING);
    }
    DataClass.fromAnnotation(dataClass.asText());
    return Handling.fromAnnotation(handling.asText());
  }

  /**
   * The properties an object schema declares, gathered over $ref and the combinators. Every one is
   * checked for its annotations, present in the payload or not, so a bad schema fails at once.
   */
  private Map<String, Schema> properties(Schema schema, String pointer) {
    Map<String, Schema> properties = new LinkedHashMap<>();
    for (Schema part : parts(schema, pointer)) {
      JsonNode declared = part.node().get("properties");
      if (declared == null || !declared.isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> entry : declared.properties()) {
        String memberPointer = pointer + "/" + escape(entry.getKey());
        Schema property = new Schema(entry.getValue(), part.document());
        Handling handling = annotations(property.node(), memberPointer);
        Schema earlier = properties.putIfAbsent(entry.getKey(), property);
        if (earlier != null && annotations(earlier.node(), memberPointer) != handling) {
          throw new IllegalStateException(
              "schema gives " + memberPointer + " two different x-handling values");
        }
      }
    }
    return properties;
  }

  /** The items schema of an array; its handling is that of the array property itself. */
  private Schema items(Schema schema, String pointer) {
    for (Schema part : parts(schema, pointer)) {
      JsonNode items = part.node().get("items");
      if (items != null && items.isObject()) {
        JsonNode handling = items.get(HANDLING);
        if (handling != null && !Handling.CLEAR.schemaValue().equals(handling.asText())) {
          throw new IllegalStateException(
              "x-handling belongs on the array property, not its items: " + pointer);
        }
        return new Schema(items, part.document());
      }
    }
    return new Schema(NODES.objectNode(), schema.document());
  }

  /** The schema itself and every schema it pulls in through $ref and the combinators. */
  private List<Schema> parts(Schema schema, String pointer) {
    List<Schema> parts = new ArrayList<>();
    collectParts(schema, pointer, parts, 0);
    return parts;
  }

  private void collectParts(Schema schema, String pointer, List<Schema> parts, int hops) {
    if (hops > MAX_REF_HOPS) {
      throw new IllegalStateException("schema $ref chain too long or cyclic at " + pointer);
    }
    if (!schema.node().isObject()) {
      return;
    }
    parts.add(schema);
    JsonNode ref = schema.node().get("$ref");
    if (ref != null && ref.isTextual()) {
      collectParts(resolve(ref.asText(), schema.document(), pointer), pointer, parts, hops + 1);
    }
    for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
      JsonNode members = schema.node().get(combinator);
      if (members != null && members.isArray()) {
        for (JsonNode member : members) {
          collectParts(new Schema(member, schema.document()), pointer, parts, hops + 1);
        }
      }
    }
    for (String branch : List.of("then", "else")) {
      JsonNode member = schema.node().get(branch);
      if (member != null) {
        collectParts(new Schema(member, schema.document()), pointer, parts, hops + 1);
      }
    }
  }

  private Schema resolve(String ref, JsonNode currentDocument, String pointer) {
    int hash = ref.indexOf('#');
    String base = hash < 0 ? ref : ref.substring(0, hash);
    String fragment = hash < 0 ? "" : ref.substring(hash + 1);
    JsonNode document = base.isEmpty() ? currentDocument : resolver.document(base);
    if (document == null) {
      throw new IllegalStateException(
          "schema $ref to an unknown document " + base + " at " + pointer);
    }
    if (fragment.isEmpty()) {
      return new Schema(document, document);
    }
    if (!fragment.startsWith("/")) {
      throw new IllegalStateException("only JSON-pointer $ref fragments are supported: " + ref);
    }
    JsonNode target =
        document.at(URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8));
    if (target.isMissingNode()) {
      throw new IllegalStateException(
          "schema $ref " + ref + " points nowhere (at " + pointer + ")");
    }
    return new Schema(target, document);
  }

  /** RFC 6901 escaping of one member name. */
  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
