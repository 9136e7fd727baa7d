package org.kopir.gateway.pseudonymization;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds a schema document by its absolute URI (its {@code $id}, e.g. {@code
 * urn:kopir:schema:defs:1}), so that the walker can follow {@code $ref}s across files. The fragment
 * of a {@code $ref} is applied by the walker, not here.
 */
@FunctionalInterface
public interface SchemaResolver {

  /** The whole document with this {@code $id}, or null if unknown. */
  JsonNode document(String uri);

  /** A resolver over documents indexed by their {@code $id}. */
  static SchemaResolver of(JsonNode... documents) {
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode document : documents) {
      JsonNode id = document.get("$id");
      if (id == null || !id.isTextual()) {
        throw new IllegalArgumentException("schema document without $id");
      }
      byId.put(id.asText(), document);
    }
    return byId::get;
  }
}
