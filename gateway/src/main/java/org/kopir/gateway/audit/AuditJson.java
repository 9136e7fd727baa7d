package org.kopir.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.kopir.gateway.crypto.Canonicalizer;

/** JSON conventions shared by the writer, the exports and the verifier. */
public final class AuditJson {

  /** Times are UTC with exactly three fractional digits, e.g. {@code 2026-11-22T10:15:00.123Z}. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private AuditJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String formatTime(Instant time) {
    return TIME.format(time.truncatedTo(ChronoUnit.MILLIS));
  }

  public static Instant parseTime(String text) {
    return Instant.parse(text);
  }

  /** RFC 8785 canonical text of {@code value}. */
  public static String canonicalText(JsonNode value) {
    return new String(Canonicalizer.canonicalBytes(value), StandardCharsets.UTF_8);
  }

  public static ObjectNode parseObject(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON", e);
    }
  }

  public static String write(JsonNode value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value cannot be serialized", e);
    }
  }
}
