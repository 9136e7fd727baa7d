package org.kopir.gateway.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import org.erdtman.jcs.JsonCanonicalizer;
import org.erdtman.jcs.NumberToJSON;

/**
 * RFC 8785 (JCS) canonical bytes and their SHA-256 digest (SPEC §3).
 *
 * <p>A Jackson tree of objects, arrays, strings, numbers, booleans and nulls (every tree a parser
 * makes) is written straight from the tree: members sorted by the UTF-16 code units of their names,
 * strings escaped as ECMAScript's {@code JSON.stringify} does, numbers as IEEE 754 doubles in
 * ECMAScript's shortest form ({@link NumberToJSON}, from the same library). Any other node falls
 * back to the reference implementation, {@link JsonCanonicalizer}, over Jackson's serialization;
 * both give the same bytes for the same tree ({@code CanonicalizerTest}). The direct path spares
 * each message the round trip through text that the reference implementation parses again.
 */
public final class Canonicalizer {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Canonicalizer() {}

  /** UTF-8 bytes of the RFC 8785 serialization of {@code value}. */
  public static byte[] canonicalBytes(JsonNode value) {
    StringBuilder out = new StringBuilder(256);
    if (!write(value, out)) {
      return viaText(value);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Lower-case hex SHA-256 of the canonical bytes of {@code value}. */
  public static String digestHex(JsonNode value) {
    return sha256Hex(canonicalBytes(value));
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /** The reference implementation over Jackson's text of {@code value}. */
  static byte[] viaText(JsonNode value) {
    try {
      return new JsonCanonicalizer(MAPPER.writeValueAsString(value)).getEncodedUTF8();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value cannot be serialized", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends {@code node}'s canonical text; false, with {@code out} in any state, if it cannot. */
  private static boolean write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        String[] names = new String[node.size()];
        Iterator<String> fields = node.fieldNames();
        for (int i = 0; i < names.length; i++) {
          names[i] = fields.next();
        }
        Arrays.sort(names);
        out.append('{');
        for (int i = 0; i < names.length; i++) {
          if (i > 0) {
            out.append(',');
          }
          writeString(names[i], out);
          out.append(':');
          if (!write(node.get(names[i]), out)) {
            return false;
          }
        }
        out.append('}');
        return true;
      }
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          if (!write(node.get(i), out)) {
            return false;
          }
        }
        out.append(']');
        return true;
      }
      case STRING -> {
        writeString(node.textValue(), out);
        return true;
      }
      case NUMBER -> {
        double value = number(node);
        if (!Double.isFinite(value)) {
          // The reference path's own answer: Jackson writes an infinite or NaN double as a
          // string, and a number too large for a double has no canonical form there.
          return false;
        }
        try {
          out.append(NumberToJSON.serializeNumber(value));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return true;
      }
      case BOOLEAN -> {
        out.append(node.booleanValue() ? "true" : "false");
        return true;
      }
      case NULL -> {
        out.append("null");
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /** The number as the reference implementation reads Jackson's text of it: the nearest double. */
  private static double number(JsonNode node) {
    return node.isInt() || node.isLong()
        ? (double) node.longValue()
        : node.isDouble() ? node.doubleValue() : Double.parseDouble(node.asText());
  }

  /** A quoted string as ECMAScript's {@code JSON.stringify} writes it (RFC 8785 §3.2.2.2). */
  private static void writeString(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
