package org.kopir.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route file is standard Camel YAML DSL (validated against the JSON schema shipped in {@code
 * camel-yaml-dsl}) and describes itself: route editors such as Kaoto keep {@code description:} and
 * drop comments, so every route, template, route configuration and step carries one.
 */
class RouteFilesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Keys under which a list of steps (or of steps-carrying clauses) appears. */
  private static final Set<String> STEP_LISTS = Set.of("steps");

  /** Steps whose own form is a list of clauses that carry the steps (no description needed). */
  private static final Set<String> CLAUSES = Set.of("when", "doCatch", "onException");

  private static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in =
        RouteFilesTest.class.getClassLoader().getResourceAsStream("schema/camelYamlDsl.json")) {
      assertThat(in).as("camel-yaml-dsl's schema on the class path").isNotNull();
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
  }

  static Stream<Path> routeFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path dir : List.of(Path.of("routes"), Path.of("routes/examples"))) {
      try (Stream<Path> listed = Files.list(dir)) {
        listed.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().forEach(files::add);
      }
    }
    return files.stream();
  }

  @Test
  void everyFileOfTheRoutesDirectoryIsARouteFile() throws IOException {
    try (Stream<Path> listed = Files.list(Path.of("routes"))) {
      assertThat(listed.filter(Files::isRegularFile).map(Path::toString))
          .isNotEmpty()
          .allMatch(name -> name.endsWith(".camel.yaml"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routeFiles")
  void isValidCamelYamlDsl(Path file) throws IOException {
    JsonNode routes = YAML.readTree(file.toFile());

    Set<ValidationMessage> errors = schema.validate(routes);

    assertThat(errors).as(file + " against camelYamlDsl.json").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routeFiles")
  void everyRouteAndStepHasADescription(Path file) throws IOException {
    JsonNode routes = YAML.readTree(file.toFile());
    List<String> missing = new ArrayList<>();
    for (JsonNode item : routes) {
      String kind = item.fieldNames().next();
      JsonNode definition = item.get(kind);
      if (!kind.equals("templatedRoute")) {
        require(definition, kind + " " + definition.path("id").asText(), missing);
      }
      walk(definition, kind, missing);
    }
    assertThat(missing).as("elements of " + file + " without a description").isEmpty();
  }

  /** Visits every step list below {@code node}: each step needs a description. */
  private static void walk(JsonNode node, String where, List<String> missing) {
    if (node.isArray()) {
      for (JsonNode element : node) {
        walk(element, where, missing);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (STEP_LISTS.contains(field.getKey()) && field.getValue().isArray()) {
        for (JsonNode step : field.getValue()) {
          String name = step.fieldNames().next();
          JsonNode body = step.get(name);
          if (!CLAUSES.contains(name) && !body.isObject()) {
            missing.add(where + " > " + name + " (short form)");
          } else if (!CLAUSES.contains(name)) {
            require(body, where + " > " + name, missing);
          }
          walk(body, where + " > " + name, missing);
        }
      } else {
        walk(field.getValue(), where, missing);
      }
    }
  }

  private static void require(JsonNode definition, String what, List<String> missing) {
    if (!definition.path("description").isTextual()
        || definition.path("description").asText().isBlank()) {
      missing.add(what);
    }
  }
}
