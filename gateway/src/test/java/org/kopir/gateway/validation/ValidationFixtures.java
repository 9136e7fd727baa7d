package org.kopir.gateway.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kopir.gateway.node.NodeProperties;

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
    return new EnvelopeValidator(schemas(), node);
  }

  static NodeProperties kzNode() {
    return node(
        "kz",
        "KZ",
        List.of("kz-cpc", "kz-almaty-guardianship"),
        "kg",
        "KG",
        List.of("kg-cpd", "kg-bishkek-guardianship"));
  }

  static NodeProperties kgNode() {
    return node(
        "kg",
        "KG",
        List.of("kg-cpd", "kg-bishkek-guardianship"),
        "kz",
        "KZ",
        List.of("kz-cpc", "kz-almaty-guardianship"));
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

  private static NodeProperties node(
      String id,
      String country,
      List<String> agencies,
      String partnerId,
      String partnerCountry,
      List<String> partnerAgencies) {
    NodeProperties node = new NodeProperties();
    node.setNode(id);
    node.setCountry(country);
    Map<String, NodeProperties.Agency> local = new LinkedHashMap<>();
    for (String agency : agencies) {
      NodeProperties.Agency entry = new NodeProperties.Agency();
      entry.setName(agency);
      local.put(agency, entry);
    }
    node.setAgencies(local);
    NodeProperties.Partner partner = new NodeProperties.Partner();
    partner.setNode(partnerId);
    partner.setCountry(partnerCountry);
    partner.setBorderUrl("http://127.0.0.1:1");
    partner.setAgencies(partnerAgencies);
    node.setPartner(partner);
    return node;
  }
}
