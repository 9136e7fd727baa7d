package org.kopir.gateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code docs/messages.md}, the catalogue of every message type and field, from the schema
 * files, so the documentation cannot drift from what the validator enforces.
 */
public final class MessageCatalogueWriter {

  public static final Path DEFAULT_TARGET = Path.of("docs", "messages.md");
  private static final int MAX_DEPTH = 12;

  private final MessageSchemas schemas;

  public MessageCatalogueWriter(MessageSchemas schemas) {
    this.schemas = schemas;
  }

  /** Regenerates {@code docs/messages.md} from {@code schemas/} (paths from the working dir). */
  public static void main(String[] args) throws IOException {
    Path schemasDir = args.length > 0 ? Path.of(args[0]) : Path.of("schemas");
    Path target = args.length > 1 ? Path.of(args[1]) : DEFAULT_TARGET;
    Files.writeString(
        target,
        new MessageCatalogueWriter(MessageSchemas.load(schemasDir)).render(),
        StandardCharsets.UTF_8);
  }

  /** The catalogue as Markdown. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("# Message catalogue (schema version 1)\n\n")
        .append("Generated from `schemas/` by `MessageCatalogueWriter`; do not edit by hand. ")
        .append("To regenerate after changing a schema, run\n")
        .append("`./mvnw -B -q test -pl gateway -Dtest=MessageCatalogueTest")
        .append(" -Dkopir.regenerate-docs=true`.\n\n")
        .append("Every envelope is `{header, payload}` (SPEC §2); the payload schema is chosen by ")
        .append("`header.messageType`. No member outside these tables is accepted. Numbers are ")
        .append("integers written without fraction or exponent.\n\n")
        .append("**Class**: D direct identifier, Q quasi-identifier, S sensitive, O operational. ")
        .append(
            "**Handling** at the sending node: `clear` travels as is, `protect` moves into the ")
        .append("encrypted identity block (SPEC §4), `pseudonymize` is replaced by a keyed ")
        .append("pseudonym (SPEC §6), `birth-year` keeps the year in clear and protects the date, ")
        .append("`drop` never leaves the node. An object marked `clear` whose members are listed ")
        .append("below it is a container: each member carries its own handling. `[]` marks the ")
        .append("items of an array; **Req.** marks members that must be present.\n\n");
    out.append("## Envelope header\n\n");
    JsonNode header = schemas.documents().get(MessageSchemas.HEADER_ID);
    out.append(header.path("description").asText()).append("\n\n");
    table(out, "header", header);
    for (String type : schemas.messageTypes()) {
      JsonNode payload = schemas.documents().get(MessageSchemas.payloadId(type));
      out.append("## ").append(type).append("\n\n");
      out.append(payload.path("description").asText()).append("\n\n");
      policy(out, type);
      table(out, "payload", payload);
    }
    return out.toString();
  }

  private static void policy(StringBuilder out, String type) {
    MessagePolicy policy = MessagePolicy.forType(type).orElseThrow();
    out.append("- Purposes: ")
        .append(String.join(", ", policy.purposes().stream().sorted().toList()))
        .append("\n- Legal bases: ")
        .append(String.join(", ", policy.legalBases().stream().sorted().toList()))
        .append("\n- Consent: ")
        .append(
            policy.carriesPersonalData()
                ? "required (or legal basis vital-interest with a recorded supervisor override)"
                : "not required")
        .append("\n- `correlationId`: ")
        .append(policy.requiresCorrelation() ? "required" : "optional")
        .append("\n\n");
  }

  private void table(StringBuilder out, String root, JsonNode schema) {
    out.append("| Path | Type | Req. | Class | Handling | Description |\n");
    out.append("|---|---|---|---|---|---|\n");
    List<String> rows = new ArrayList<>();
    members(rows, root, schema, 0);
    rows.forEach(out::append);
    out.append('\n');
  }

  private void members(List<String> rows, String path, JsonNode schema, int depth) {
    JsonNode resolved = resolve(schema);
    if (depth > MAX_DEPTH || !resolved.path("properties").isObject()) {
      return;
    }
    // A $ref site may add "required" to the referenced definition (e.g. payload.child).
    Set<String> required = new HashSet<>();
    resolved.path("required").forEach(n -> required.add(n.asText()));
    schema.path("required").forEach(n -> required.add(n.asText()));
    for (Iterator<Map.Entry<String, JsonNode>> it = resolved.path("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      String memberPath = path + "." + member.getKey();
      JsonNode property = member.getValue();
      JsonNode target = resolve(property);
      rows.add(row(memberPath, property, target, required.contains(member.getKey())));
      if (target.path("type").asText().equals("array")) {
        members(rows, memberPath + "[]", target.path("items"), depth + 1);
      } else {
        members(rows, memberPath, property, depth + 1);
      }
    }
  }

  private String row(String path, JsonNode property, JsonNode target, boolean required) {
    String description = property.path("description").asText();
    String values = values(target);
    if (!values.isEmpty()) {
      description = description + " Values: " + values + ".";
    }
    return "| `"
        + path
        + "` | "
        + type(target)
        + " | "
        + (required ? "yes" : "")
        + " | "
        + property.path(DataClass.KEYWORD).asText()
        + " | "
        + property.path(Handling.KEYWORD).asText()
        + " | "
        + description.replace("|", "\\|")
        + " |\n";
  }

  private String type(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      List<String> names = new ArrayList<>();
      type.forEach(n -> names.add(n.asText()));
      return String.join(" or ", names);
    }
    if (type.asText().equals("array")) {
      return "array of " + type(resolve(schema.path("items")));
    }
    if (type.isMissingNode()) {
      return schema.has("enum") || schema.has("const") ? "string" : "any";
    }
    String format = schema.path("format").asText();
    return format.isEmpty() ? type.asText() : type.asText() + " (" + format + ")";
  }

  private String values(JsonNode schema) {
    JsonNode target =
        schema.path("type").asText().equals("array") ? resolve(schema.path("items")) : schema;
    if (target.has("const")) {
      return "`" + target.path("const").asText() + "`";
    }
    List<String> values = new ArrayList<>();
    target.path("enum").forEach(n -> values.add("`" + n.asText() + "`"));
    return String.join(", ", values);
  }

  /** Follows a {@code $ref} to a Kopir schema or definition; returns other schemas unchanged. */
  private JsonNode resolve(JsonNode schema) {
    String ref = schema.path("$ref").asText();
    if (ref.isEmpty()) {
      return schema;
    }
    int hash = ref.indexOf('#');
    String id = hash < 0 ? ref : ref.substring(0, hash);
    JsonNode document = schemas.documents().get(id);
    if (document == null) {
      throw new IllegalStateException("Unresolvable reference " + ref);
    }
    return hash < 0 ? document : document.at(ref.substring(hash + 1));
  }
}
