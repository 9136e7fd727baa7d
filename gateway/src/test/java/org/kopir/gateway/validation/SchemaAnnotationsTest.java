package org.kopir.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaAnnotationsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<Path> schemaFiles() throws IOException {
    try (Stream<Path> files = Files.list(ValidationFixtures.SCHEMAS_DIR)) {
      List<Path> list = files.filter(p -> p.toString().endsWith(".schema.json")).sorted().toList();
      assertThat(list).hasSize(15);
      return list.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("schemaFiles")
  void everyPropertyOfEverySchemaFileHasAValidDataClassAndHandling(Path file) throws IOException {
    assertThat(SchemaAnnotations.problems(MAPPER.readTree(file.toFile()))).isEmpty();
  }

  @Test
  void aPropertyWithoutHandlingOrWithAnUnknownClassIsReported() throws IOException {
    String schema =
        """
        {"$defs": {"x": {"type": "object", "properties": {
          "a": {"type": "string", "x-data-class": "D"},
          "b": {"type": "string", "x-data-class": "X", "x-handling": "clear"},
          "c": {"type": "object", "x-data-class": "O", "x-handling": "clear",
                "properties": {"deep": {"type": "string", "x-data-class": "O", "x-handling": "hide"}}}
        }}}}
        """;

    assertThat(SchemaAnnotations.problems(MAPPER.readTree(schema)))
        .containsExactly(
            "/$defs/x/properties/a: missing x-handling",
            "/$defs/x/properties/b: invalid x-data-class \"X\"",
            "/$defs/x/properties/c/properties/deep: invalid x-handling \"hide\"");
  }

  @Test
  void conditionsUnderIfNeedNoAnnotations() throws IOException {
    String schema =
        """
        {"if": {"properties": {"kind": {"const": "a"}}}, "then": {"required": ["kind"]}}
        """;

    assertThat(SchemaAnnotations.problems(MAPPER.readTree(schema))).isEmpty();
  }

  @Test
  void loadingRefusesASchemaDirectoryWithAnUnclassifiedProperty(@TempDir Path dir)
      throws IOException {
    copySchemas(dir);
    Path defs = dir.resolve("defs.v1.schema.json");
    Files.writeString(
        defs, Files.readString(defs).replace("\"x-handling\": \"birth-year\"", "\"y\": 1"));

    assertThatThrownBy(() -> MessageSchemas.load(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/$defs/child/properties/dateOfBirth: missing x-handling");
  }

  @Test
  void loadingRefusesAMisspeltSchemaKeyword(@TempDir Path dir) throws IOException {
    copySchemas(dir);
    Path header = dir.resolve("header.v1.schema.json");
    Files.writeString(header, Files.readString(header).replace("\"maxLength\"", "\"maxLenght\""));

    assertThatThrownBy(() -> MessageSchemas.load(dir)).hasMessageContaining("maxLenght");
  }

  @Test
  void loadingRefusesAFileWhoseIdDoesNotMatchItsName(@TempDir Path dir) throws IOException {
    copySchemas(dir);
    Files.move(
        dir.resolve("case.closure.v1.schema.json"), dir.resolve("case.closing.v1.schema.json"));

    assertThatThrownBy(() -> MessageSchemas.load(dir))
        .hasMessageContaining("must declare $id urn:kopir:schema:case.closing:1");
  }

  private static void copySchemas(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(ValidationFixtures.SCHEMAS_DIR)) {
      for (Path file : files.toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
  }
}
