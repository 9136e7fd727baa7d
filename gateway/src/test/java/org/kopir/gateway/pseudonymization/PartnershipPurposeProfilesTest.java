package org.kopir.gateway.pseudonymization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.validation.MessageSchemas;
import org.yaml.snakeyaml.Yaml;

/** The partnership's purpose profiles name every message type and only fields its schema has. */
class PartnershipPurposeProfilesTest {

  private static final Path PARTNERSHIP = Path.of("routes/config/partnership.yml");

  @Test
  void everyMessageTypeHasAProfileOfFieldsItsSchemaDefines() throws IOException {
    Map<String, List<String>> profiles = profiles();
    MessageSchemas schemas = MessageSchemas.load(Path.of("schemas"));

    assertThat(profiles.keySet().stream().map(key -> key.replaceAll("[\\[\\]]", "")))
        .containsExactlyInAnyOrderElementsOf(schemas.messageTypes());
    profiles.forEach(
        (key, pointers) -> {
          String type = key.replaceAll("[\\[\\]]", "");
          JsonNode properties =
              schemas.documents().get(MessageSchemas.payloadId(type)).path("properties");
          for (String pointer : pointers) {
            assertThat(properties.has(pointer.substring(1).split("/")[0]))
                .as("%s in the profile of %s is a field of its schema", pointer, type)
                .isTrue();
          }
        });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> profiles() throws IOException {
    try (Reader reader = Files.newBufferedReader(PARTNERSHIP)) {
      Map<String, Object> root = new Yaml().load(reader);
      Map<String, Object> kopir = (Map<String, Object>) root.get("kopir");
      Map<String, Object> pseudonymization = (Map<String, Object>) kopir.get("pseudonymization");
      return (Map<String, List<String>>) pseudonymization.get("purpose-profiles");
    }
  }
}
