package org.kopir.gateway.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.testsupport.TestPartners;

/** Demo nodes (SPEC §1), the repository's schemas and examples, shared by the validation tests. */
final class ValidationFixtures {

  static final Path SCHEMAS_DIR = Path.of("schemas");
  static final Path EXAMPLES_DIR = Path.of("docs", "examples");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static MessageSchemas schemas;

  private ValidationFixtures() {}

  static synchronized MessageSchemas schemas() {
    if (schemas == null) {
      schemas = MessageSchemas.load(SCHEMAS_DIR);
    }
    return schemas;
  }

  static EnvelopeValidator validatorFor(NodeProperties node) {
    return new EnvelopeValidator(schemas(), node, TestPartners.partners(node));
  }

  static NodeProperties kzNode() {
    return TestPartners.node("kz");
  }

  static NodeProperties kgNode() {
    return TestPartners.node("kg");
  }

  /** The node an example was sent from, judged by its sender country. */
  static NodeProperties nodeOfSender(ObjectNode envelope) {
    return "KG".equals(envelope.path("header").path("sender").path("country").asText())
        ? kgNode()
        : kzNode();
  }

  static ObjectNode example(String messageType) {
    return read(EXAMPLES_DIR.resolve(messageType + ".json"));
  }

  static ObjectNode read(Path file) {
    try {
      return (ObjectNode) MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
