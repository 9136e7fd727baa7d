package org.kopir.gateway.pseudonymization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The walker's test schemas and payload under {@code src/test/resources/pseudonymization}. */
final class TestSchemas {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String TYPE = "test.referral";

  private TestSchemas() {}

  static JsonNode referralSchema() {
    return read("schemas/test.referral.v1.schema.json");
  }

  static JsonNode defs() {
    return read("schemas/defs.v1.schema.json");
  }

  static SchemaResolver resolver() {
    return SchemaResolver.of(referralSchema(), defs());
  }

  static ObjectNode referralPayload() {
    return (ObjectNode) read("referral-payload.json");
  }

  static JsonNode read(String name) {
    try (InputStream in = TestSchemas.class.getResourceAsStream("/pseudonymization/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + name);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
