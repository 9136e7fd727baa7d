package org.kopir.gateway.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.springframework.stereotype.Component;

/**
 * Turns request bytes into a JSON object or a clear refusal: content type, size, encoding and
 * parser limits are checked here so that no later step sees hostile input.
 */
@Component
public class JsonBodyReader {

  private static final ObjectMapper MAPPER = JsonLimits.hardenedMapper();

  private final IntakeProperties properties;

  public JsonBodyReader(IntakeProperties properties) {
    this.properties = properties;
  }

  /** Parses {@code body} sent with {@code contentType} into a JSON object. */
  public ObjectNode read(byte[] body, String contentType) {
    requireJsonContentType(contentType);
    if (body == null || body.length == 0) {
      throw new KopirException(ErrorCode.MALFORMED_JSON, "The request body is empty.");
    }
    if (body.length > properties.getMaxBodyBytes()) {
      throw new KopirException(
          ErrorCode.PAYLOAD_TOO_LARGE,
          "The request body exceeds " + properties.getMaxBodyBytes() + " bytes.");
    }
    requirePlainUtf8Start(body);
    requireWellFormedUtf8(body);
    JsonNode node = parse(body);
    if (!(node instanceof ObjectNode object)) {
      throw new KopirException(ErrorCode.MALFORMED_JSON, "The request body must be a JSON object.");
    }
    return object;
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new KopirException(ErrorCode.MALFORMED_JSON, "The request body holds no JSON value.");
      }
      return node;
    } catch (JacksonException e) {
      throw new KopirException(ErrorCode.MALFORMED_JSON, describe(e));
    } catch (IOException e) {
      throw new KopirException(ErrorCode.MALFORMED_JSON, "The request body cannot be read.");
    }
  }

  /** Jackson's messages can quote input; keep only the kind of fault and its location. */
  private static String describe(JacksonException e) {
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String kind;
    if (original.contains("Duplicate field")) {
      kind = "duplicate object key";
    } else if (original.contains("nesting depth")) {
      kind = "nesting deeper than " + JsonLimits.MAX_NESTING_DEPTH + " levels";
    } else if (original.contains("String value length")) {
      kind = "a string longer than " + JsonLimits.MAX_STRING_LENGTH + " characters";
    } else if (original.contains("Token count")) {
      kind = "more than " + JsonLimits.MAX_TOKEN_COUNT + " tokens";
    } else if (original.contains("Number value length")) {
      kind = "a number longer than " + JsonLimits.MAX_NUMBER_LENGTH + " digits";
    } else if (original.contains("Name length")) {
      kind = "an object key longer than " + JsonLimits.MAX_NAME_LENGTH + " characters";
    } else if (original.contains("UTF-8") || original.contains("UTF8")) {
      kind = "invalid UTF-8";
    } else if (original.contains("NaN") || original.contains("Infinity")) {
      kind = "a non-finite number";
    } else if (original.contains("trailing token")) {
      kind = "content after the JSON value";
    } else {
      kind = "invalid JSON syntax";
    }
    var location = e.getLocation();
    String where =
        location == null || location.getByteOffset() < 0
            ? ""
            : " at byte " + location.getByteOffset();
    return "The request body is not acceptable JSON: " + kind + where + ".";
  }

  private static void requireJsonContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      throw new KopirException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type application/json is required.");
    }
    String normalized = contentType.toLowerCase(Locale.ROOT).replace(" ", "");
    String mediaType = normalized.split(";", 2)[0];
    if (!mediaType.equals("application/json")) {
      throw new KopirException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must be application/json, not " + mediaType + ".");
    }
    if (normalized.contains("charset=") && !normalized.contains("charset=utf-8")) {
      throw new KopirException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Only UTF-8 is accepted.");
    }
  }

  /**
   * Strict UTF-8 (RFC 3629): Jackson's decoder lets some malformed sequences through (overlong
   * forms such as {@code C0 AB}), which would let two byte strings read as the same text.
   */
  private static void requireWellFormedUtf8(byte[] body) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
    } catch (CharacterCodingException e) {
      throw new KopirException(
          ErrorCode.MALFORMED_JSON, "The request body is not acceptable JSON: invalid UTF-8.");
    }
  }

  /** RFC 8259 §8.1: UTF-8 without a byte-order mark; refuse UTF-16/32 rather than guess. */
  private static void requirePlainUtf8Start(byte[] body) {
    if (body.length >= 3
        && (body[0] & 0xFF) == 0xEF
        && (body[1] & 0xFF) == 0xBB
        && (body[2] & 0xFF) == 0xBF) {
      throw new KopirException(
          ErrorCode.MALFORMED_JSON, "The request body starts with a byte-order mark.");
    }
    if (body[0] == 0 || (body.length > 1 && body[1] == 0)) {
      throw new KopirException(ErrorCode.MALFORMED_JSON, "The request body is not UTF-8.");
    }
  }
}
