package org.kopir.gateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.DisallowUnknownKeywordFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.resource.MapSchemaLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.kopir.gateway.node.Locations;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The schema files of one directory, checked against the naming contract and compiled once. File
 * {@code <name>.v<version>.schema.json} must declare {@code $id urn:kopir:schema:<name>:<version>};
 * references between files use those ids and are resolved from the directory only, never from the
 * network. A file with a property lacking its data class or handling is refused at start-up.
 */
public final class MessageSchemas {

  public static final String ID_PREFIX = "urn:kopir:schema:";
  public static final String ENVELOPE_ID = ID_PREFIX + "envelope:1";
  public static final String HEADER_ID = ID_PREFIX + "header:1";
  public static final String DEFS_ID = ID_PREFIX + "defs:1";

  private static final Pattern FILE_NAME =
      Pattern.compile("([a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*)\\.v([0-9]+)\\.schema\\.json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, ObjectNode> documentsById;
  private final Set<String> messageTypes;
  private final JsonSchema envelopeSchema;

  private MessageSchemas(Map<String, ObjectNode> documentsById) {
    this.documentsById = Collections.unmodifiableMap(documentsById);
    this.messageTypes = Collections.unmodifiableSet(readMessageTypes(documentsById));
    this.envelopeSchema = compileEnvelope(documentsById);
  }

  /**
   * Reads the schemas at {@code location}: {@code classpath:<dir>} for the copies packaged in the
   * jar, otherwise a directory on disk ({@code file:<dir>} or a plain path).
   */
  public static MessageSchemas load(String location) {
    if (!Locations.packaged(location)) {
      return load(Path.of(location.startsWith("file:") ? location.substring(5) : location));
    }
    Resource[] resources;
    try {
      resources =
          new PathMatchingResourcePatternResolver().getResources(location + "/*.schema.json");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + location, e);
    }
    Map<String, Resource> byName = new TreeMap<>();
    for (Resource resource : resources) {
      byName.put(resource.getFilename(), resource);
    }
    Map<String, ObjectNode> documents = new TreeMap<>();
    for (Map.Entry<String, Resource> entry : byName.entrySet()) {
      try (InputStream in = entry.getValue().getInputStream()) {
        add(documents, entry.getKey(), MAPPER.readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read schema " + entry.getKey(), e);
      }
    }
    return of(documents, location);
  }

  /** Reads, checks and compiles every schema file of {@code directory}. */
  public static MessageSchemas load(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalStateException(
          "Schema directory " + directory.toAbsolutePath() + " does not exist.");
    }
    Map<String, ObjectNode> documents = new TreeMap<>();
    for (Path file : schemaFiles(directory)) {
      try {
        add(documents, file.getFileName().toString(), MAPPER.readTree(file.toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read schema " + file, e);
      }
    }
    return of(documents, directory.toString());
  }

  /** One schema file, named {@code fileName}, checked and added by its {@code $id}. */
  private static void add(Map<String, ObjectNode> documents, String fileName, JsonNode node) {
    if (!(node instanceof ObjectNode document)) {
      throw new IllegalStateException(fileName + " is not a JSON object.");
    }
    String id = expectedId(fileName);
    if (!id.equals(document.path("$id").asText())) {
      throw new IllegalStateException(fileName + " must declare $id " + id + ".");
    }
    List<String> unclassified = SchemaAnnotations.problems(document);
    if (!unclassified.isEmpty()) {
      throw new IllegalStateException(fileName + " has unclassified properties: " + unclassified);
    }
    documents.put(id, document);
  }

  private static MessageSchemas of(Map<String, ObjectNode> documents, String where) {
    for (String required : List.of(ENVELOPE_ID, HEADER_ID, DEFS_ID)) {
      if (!documents.containsKey(required)) {
        throw new IllegalStateException("Schema " + required + " is missing in " + where + ".");
      }
    }
    return new MessageSchemas(documents);
  }

  /** The schema id of payloads of {@code messageType}, version 1. */
  public static String payloadId(String messageType) {
    return ID_PREFIX + messageType + ":1";
  }

  /** The compiled envelope schema; thread-safe. */
  public JsonSchema envelopeSchema() {
    return envelopeSchema;
  }

  /** Message types named by the header schema, each with its payload schema present. */
  public Set<String> messageTypes() {
    return messageTypes;
  }

  /** The parsed schema documents by {@code $id}, in id order. */
  public Map<String, ObjectNode> documents() {
    return documentsById;
  }

  /**
   * The meta-schema used for Kopir schemas: 2020-12 plus the two annotation keywords; any other
   * unknown keyword is a compile error, so a misspelt keyword cannot silently weaken a schema.
   */
  static JsonMetaSchema metaSchema() {
    return JsonMetaSchema.builder(JsonMetaSchema.getV202012())
        .keyword(new AnnotationKeyword(DataClass.KEYWORD))
        .keyword(new AnnotationKeyword(Handling.KEYWORD))
        .unknownKeywordFactory(DisallowUnknownKeywordFactory.getInstance())
        .build();
  }

  private static JsonSchema compileEnvelope(Map<String, ObjectNode> documents) {
    Map<String, String> sources = new TreeMap<>();
    documents.forEach((id, document) -> sources.put(id, document.toString()));
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder ->
                builder
                    .metaSchema(metaSchema())
                    .schemaLoaders(loaders -> loaders.add(new MapSchemaLoader(sources::get))));
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .failFast(false)
            .build();
    JsonSchema schema = factory.getSchema(SchemaLocation.of(ENVELOPE_ID), config);
    schema.initializeValidators();
    return schema;
  }

  private static Set<String> readMessageTypes(Map<String, ObjectNode> documents) {
    JsonNode values = documents.get(HEADER_ID).path("properties").path("messageType").path("enum");
    if (!values.isArray() || values.isEmpty()) {
      throw new IllegalStateException("The header schema must list messageType values as enum.");
    }
    Set<String> types = new LinkedHashSet<>();
    for (JsonNode value : values) {
      String type = value.asText();
      if (!documents.containsKey(payloadId(type))) {
        throw new IllegalStateException("No payload schema " + payloadId(type) + ".");
      }
      types.add(type);
    }
    return types;
  }

  private static List<Path> schemaFiles(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return new ArrayList<>(
          entries
              .filter(p -> p.getFileName().toString().endsWith(".schema.json"))
              .sorted()
              .toList());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + directory, e);
    }
  }

  private static String expectedId(String fileName) {
    Matcher matcher = FILE_NAME.matcher(fileName);
    if (!matcher.matches()) {
      throw new IllegalStateException(fileName + " does not follow <name>.v<version>.schema.json.");
    }
    return ID_PREFIX + matcher.group(1) + ":" + matcher.group(2);
  }
}
