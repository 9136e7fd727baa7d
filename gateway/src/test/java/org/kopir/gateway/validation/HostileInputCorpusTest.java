package org.kopir.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.json.IntakeProperties;
import org.kopir.gateway.json.JsonBodyReader;

/**
 * Every document of {@code validation/corpus} (see its README), plus large ones built here, goes
 * through the intake reader and the validator and must be refused with its expected code and
 * pointer, without any other exception and without quoting personal data.
 */
public class HostileInputCorpusTest {

  private static final Path CORPUS = Path.of("gateway/src/test/resources/validation/corpus");
  private static final String JSON = "application/json";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonBodyReader READER = new JsonBodyReader(new IntakeProperties());
  private static final Map<String, EnvelopeValidator> VALIDATORS =
      Map.of(
          "kz", ValidationFixtures.validatorFor(ValidationFixtures.kzNode()),
          "kg", ValidationFixtures.validatorFor(ValidationFixtures.kgNode()));

  /** Values of the referral example that must never come back in a refusal. */
  private static final List<String> PERSONAL_VALUES =
      List.of(
          "Айгерім", "Aigerim", "Нұрланова", "Nurlanova", "150302600126", "2015-03-02", "Толе би");

  public record CorpusCase(
      String name, byte[] body, String contentType, String node, ErrorCode code, String pointer) {
    @Override
    public String toString() {
      return name;
    }
  }

  public static Stream<CorpusCase> corpus() throws IOException {
    JsonNode manifest = MAPPER.readTree(CORPUS.resolve("manifest.json").toFile());
    List<CorpusCase> cases = new ArrayList<>();
    for (JsonNode entry : manifest.path("cases")) {
      String file = entry.path("file").asText();
      JsonNode contentType = entry.path("contentType");
      cases.add(
          new CorpusCase(
              file,
              Files.readAllBytes(CORPUS.resolve(file)),
              contentType.isMissingNode() ? JSON : contentType.textValue(),
              entry.path("node").asText("kz"),
              ErrorCode.valueOf(entry.path("code").asText()),
              entry.path("pointer").textValue()));
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
    return Stream.concat(cases.stream(), generated());
  }

  /** Cases too large to commit. */
  static Stream<CorpusCase> generated() {
    return Stream.of(
        generated("nesting-65-levels", nestedPayload(65), ErrorCode.MALFORMED_JSON, null),
        generated(
            "nesting-100000-brackets",
            "[".repeat(100_000).getBytes(StandardCharsets.UTF_8),
            ErrorCode.MALFORMED_JSON,
            null),
        generated(
            "string-70-kib",
            referralWith(p -> p.put("referralReason", "а".repeat(70 * 1024))),
            ErrorCode.MALFORMED_JSON,
            null),
        generated(
            "array-of-9000-concerns",
            referralWith(p -> fill(p.putArray("protectionConcerns"), 9_000)),
            ErrorCode.SCHEMA_VIOLATION,
            "/payload/protectionConcerns"),
        generated(
            "array-of-20000-concerns",
            referralWith(p -> fill(p.putArray("protectionConcerns"), 20_000)),
            ErrorCode.MALFORMED_JSON,
            null),
        generated(
            "object-of-10001-keys",
            referralWith(
                p -> {
                  ObjectNode wide = p.putObject("extra");
                  for (int i = 0; i < 10_001; i++) {
                    wide.put("k" + i, i);
                  }
                }),
            ErrorCode.MALFORMED_JSON,
            null),
        generated(
            "body-of-2-mib",
            referralWith(
                p -> {
                  ArrayNode notes = p.putArray("notes");
                  for (int i = 0; i < 40; i++) {
                    notes.add("x".repeat(60 * 1024));
                  }
                }),
            ErrorCode.PAYLOAD_TOO_LARGE,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void hostileInputIsRefusedWithItsExpectedCode(CorpusCase corpusCase) {
    try {
      ObjectNode envelope = READER.read(corpusCase.body(), corpusCase.contentType());
      VALIDATORS.get(corpusCase.node()).validate(envelope);
      fail(corpusCase.name() + " was accepted");
    } catch (KopirException refusal) {
      assertThat(refusal.code()).as(describe(refusal)).isEqualTo(corpusCase.code());
      if (corpusCase.pointer() != null) {
        assertThat(refusal.errors())
            .as(describe(refusal))
            .extracting(FieldError::pointer)
            .contains(corpusCase.pointer());
      }
      assertNoPersonalData(refusal);
    }
  }

  @Test
  void aDocumentWithManyFaultsReportsEachUpToTheBound() {
    ObjectNode referral = ValidationFixtures.example("referral.request");
    ArrayNode names = ((ObjectNode) referral.at("/payload/child")).putArray("names");
    for (int i = 0; i < 500; i++) {
      names.addObject().put("script", "xx");
    }
    referral.with("header").put("priority", "urgent");

    try {
      ValidationFixtures.validatorFor(ValidationFixtures.kzNode()).validate(referral);
      fail("accepted");
    } catch (KopirException refusal) {
      assertThat(refusal.errors()).hasSize(SchemaViolations.MAX_ERRORS);
      assertThat(refusal.errors()).extracting(FieldError::pointer).contains("/header/priority");
    }
  }

  private static void assertNoPersonalData(KopirException refusal) {
    StringBuilder text = new StringBuilder(String.valueOf(refusal.getMessage()));
    refusal.errors().forEach(e -> text.append('\n').append(e.message()));
    for (String value : PERSONAL_VALUES) {
      assertThat(text.toString()).doesNotContain(value);
    }
  }

  private static String describe(KopirException refusal) {
    return refusal.code() + " " + refusal.getMessage() + " " + refusal.errors();
  }

  private static CorpusCase generated(String name, byte[] body, ErrorCode code, String pointer) {
    return new CorpusCase("generated:" + name, body, JSON, "kz", code, pointer);
  }

  private static byte[] nestedPayload(int depth) {
    String open = "{\"a\":".repeat(depth);
    String close = "}".repeat(depth);
    return ("{\"header\":{},\"payload\":" + open + "1" + close + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] referralWith(java.util.function.Consumer<ObjectNode> change) {
    ObjectNode referral = ValidationFixtures.example("referral.request");
    change.accept((ObjectNode) referral.get("payload"));
    try {
      return MAPPER.writeValueAsBytes(referral);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void fill(ArrayNode array, int count) {
    for (int i = 0; i < count; i++) {
      array.add("child-labour");
    }
  }
}
