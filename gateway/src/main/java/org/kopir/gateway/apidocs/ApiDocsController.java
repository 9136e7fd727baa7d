package org.kopir.gateway.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.kopir.gateway.node.Locations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code GET /v3/api-docs}: the local API's OpenAPI document (SPEC §8), maintained beside the other
 * docs in {@code docs/openapi.yaml}, packaged in the jar by the build ({@code kopir.api-docs},
 * default {@code classpath:kopir/openapi.yaml}; a path on disk overrides it) and served as JSON.
 * Read once at start-up.
 */
@RestController
public class ApiDocsController {

  private final JsonNode document;

  public ApiDocsController(
      @Value("${kopir.api-docs:classpath:kopir/openapi.yaml}") String location) {
    this.document = read(location);
  }

  @GetMapping(path = "/v3/api-docs", produces = "application/json")
  public JsonNode apiDocs() {
    return document;
  }

  private static JsonNode read(String location) {
    try (InputStream in = Locations.resource(location).getInputStream()) {
      Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return new ObjectMapper().valueToTree(tree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenAPI document " + location, e);
    }
  }
}
