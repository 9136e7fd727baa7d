package org.kopir.gateway.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code GET /v3/api-docs}: the local API's OpenAPI document (SPEC §8), maintained beside the other
 * docs in {@code docs/openapi.yaml} and served as JSON. Read once at start-up.
 */
@RestController
public class ApiDocsController {

  private final JsonNode document;

  public ApiDocsController(@Value("${kopir.api-docs:docs/openapi.yaml}") Path file) {
    this.document = read(file);
  }

  @GetMapping(path = "/v3/api-docs", produces = "application/json")
  public JsonNode apiDocs() {
    return document;
  }

  private static JsonNode read(Path file) {
    try (Reader reader = Files.newBufferedReader(file)) {
      Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      return new ObjectMapper().valueToTree(tree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenAPI document " + file, e);
    }
  }
}
