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

  /**
   * Expression beans that take the headers to read them only ({@code Attempt.of} reads the queued
   * message's routing facts), checked by reading their code.
   */
  private static final Set<String> READ_HEADERS_ONLY = Set.of("forwarding.attempt");

  /** EIPs whose {@code method:} expression runs its bean on a copy of the exchange. */
  private static final Set<String> EXPRESSION_STEPS =
      Set.of("setBody", "setProperty", "setHeader", "transform", "filter", "split");

  /**
   * A bean called as an expression ({@code setBody} with {@code method:} and the like) runs on a
   * copy of the exchange: the headers it adds are merged back, the headers it removes are not. A
   * method that takes the headers or the exchange to change them must be a {@code bean} step (a JMS
   * partner request once carried the queued message's duplicate id this way, and the partner's
   * broker dropped every retry).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("routeFiles")
  void noBeanCalledAsAnExpressionTakesTheHeadersOrTheExchange(Path file) throws IOException {
    List<String> calls = new ArrayList<>();
    expressionCalls(YAML.readTree(file.toFile()), false, calls);
    List<String> offending = new ArrayList<>();
    Map<String, Class<?>> beans = Beans.BY_NAME;
    for (String call : calls) {
      String[] refAndMethod = call.split("\\.", 2);
      Class<?> type = beans.get(refAndMethod[0]);
      assertThat(type).as("bean " + refAndMethod[0] + " named in " + file).isNotNull();
      for (java.lang.reflect.Method method : type.getMethods()) {
        if (method.getName().equals(refAndMethod[1])
            && touchesHeaders(method)
            && !READ_HEADERS_ONLY.contains(call)) {
          offending.add(call);
        }
      }
    }
    assertThat(offending).as("expression beans of " + file + " that change headers").isEmpty();
  }

  private static boolean touchesHeaders(java.lang.reflect.Method method) {
    for (java.lang.reflect.Parameter parameter : method.getParameters()) {
      if (parameter.isAnnotationPresent(org.apache.camel.Headers.class)
          || org.apache.camel.Exchange.class.isAssignableFrom(parameter.getType())
          || org.apache.camel.Message.class.isAssignableFrom(parameter.getType())) {
        return true;
      }
    }
    return false;
  }

  /** Collects {@code ref.method} of every {@code method:} expression inside an expression step. */
  private static void expressionCalls(JsonNode node, boolean inExpression, List<String> calls) {
    if (node.isArray()) {
      node.forEach(element -> expressionCalls(element, inExpression, calls));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    JsonNode method = node.get("method");
    if (inExpression
        && method != null
        && method.isObject()
        && method.path("ref").isTextual()
        && method.path("method").isTextual()) {
      calls.add(method.path("ref").asText() + "." + method.path("method").asText());
    }
    node.fields()
        .forEachRemaining(
            field ->
                expressionCalls(
                    field.getValue(),
                    inExpression || EXPRESSION_STEPS.contains(field.getKey()),
                    calls));
  }

  /**
   * Camel's optimisation of {@code toD} for JMS sends every message to one endpoint named by the
   * step's URI as written, so it resolves that URI's property placeholders again for each message
   * (through Spring's Environment); a {@code toD} of these routes therefore turns it off, and the
   * endpoint of each resolved destination is kept by the step's endpoint cache.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("routeFiles")
  void everyDynamicSendResolvesItsPlaceholdersOnceOnly(Path file) throws IOException {
    List<String> optimised = new ArrayList<>();
    dynamicSends(YAML.readTree(file.toFile()), optimised);
    assertThat(optimised)
        .as("toD steps of " + file + " without allowOptimisedComponents: false")
        .isEmpty();
  }

  private static void dynamicSends(JsonNode node, List<String> optimised) {
    if (node.isArray()) {
      node.forEach(element -> dynamicSends(element, optimised));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    JsonNode toD = node.get("toD");
    if (toD != null
        && toD.isObject()
        && !"false".equals(toD.path("allowOptimisedComponents").asText())) {
      optimised.add(toD.path("uri").asText());
    }
    node.forEach(child -> dynamicSends(child, optimised));
  }

  /** The node's components by bean name, found on the class path as Spring would. */
  private static final class Beans {
    static final Map<String, Class<?>> BY_NAME = scan();

    private static Map<String, Class<?>> scan() {
      var scanner =
          new org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider(
              true);
      Map<String, Class<?>> byName = new java.util.HashMap<>();
      var names = new org.springframework.context.annotation.AnnotationBeanNameGenerator();
      var registry = new org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry();
      for (var candidate : scanner.findCandidateComponents("org.kopir.gateway")) {
        try {
          byName.put(
              names.generateBeanName(candidate, registry),
              Class.forName(candidate.getBeanClassName()));
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(e);
        }
      }
      return byName;
    }
  }
}
