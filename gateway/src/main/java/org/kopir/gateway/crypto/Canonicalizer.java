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
    Utf8Output out = Utf8Output.ofThisThread();
    try {
      if (!write(value, out)) {
        return viaText(value);
      }
      return out.toByteArray();
    } finally {
      out.release();
    }
  }

  /** Lower-case hex SHA-256 of the canonical bytes of {@code value}. */
  public static String digestHex(JsonNode value) {
    Utf8Output out = Utf8Output.ofThisThread();
    try {
      if (!write(value, out)) {
        return sha256Hex(viaText(value));
      }
      MessageDigest digest = sha256();
      digest.update(out.bytes, 0, out.size);
      return HexFormat.of().formatHex(digest.digest());
    } finally {
      out.release();
    }
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  public static byte[] sha256(byte[] bytes) {
    return sha256().digest(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
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
  private static boolean write(JsonNode node, Utf8Output out) {
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
          out.appendAscii(NumberToJSON.serializeNumber(value));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return true;
      }
      case BOOLEAN -> {
        out.appendAscii(node.booleanValue() ? "true" : "false");
        return true;
      }
      case NULL -> {
        out.appendAscii("null");
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

  /**
   * A quoted string as ECMAScript's {@code JSON.stringify} writes it (RFC 8785 §3.2.2.2), in UTF-8.
   * Only ASCII characters are escaped, so the text between escapes is encoded as Java encodes a
   * whole string (an unpaired surrogate becomes {@code ?}, as with {@link String#getBytes}).
   */
  private static void writeString(String text, Utf8Output out) {
    out.append('"');
    int plain = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escape =
          switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c < 0x20 ? "\\u00" + HEX[c >> 4] + HEX[c & 0xF] : null;
          };
      if (escape != null) {
        out.appendText(text, plain, i);
        out.appendAscii(escape);
        plain = i + 1;
      }
    }
    out.appendText(text, plain, text.length());
    out.append('"');
  }

  /**
   * A growing UTF-8 buffer: ASCII is copied as is, other text through the platform's encoder. Each
   * thread keeps one between calls (none of them calls another), so a message's canonical form does
   * not grow a new buffer through every size up to its own; one that grew past {@link #KEPT} for a
   * large message is not kept.
   */
  private static final class Utf8Output {

    private static final int INITIAL = 16 * 1024;
    private static final int KEPT = 64 * 1024;
    private static final ThreadLocal<Utf8Output> OF_THREAD =
        ThreadLocal.withInitial(Utf8Output::new);

    private byte[] bytes = new byte[INITIAL];
    private int size;

    static Utf8Output ofThisThread() {
      return OF_THREAD.get();
    }

    void release() {
      size = 0;
      if (bytes.length > KEPT) {
        bytes = new byte[INITIAL];
      }
    }

    void append(char ascii) {
      ensure(1);
      bytes[size++] = (byte) ascii;
    }

    void appendAscii(String ascii) {
      ensure(ascii.length());
      for (int i = 0; i < ascii.length(); i++) {
        bytes[size++] = (byte) ascii.charAt(i);
      }
    }

    /** Characters {@code from} to {@code to} of {@code text}, none of them escaped. */
    void appendText(String text, int from, int to) {
      ensure(to - from);
      for (int i = from; i < to; i++) {
        char c = text.charAt(i);
        if (c >= 0x80) {
          byte[] encoded = text.substring(i, to).getBytes(StandardCharsets.UTF_8);
          ensure(encoded.length);
          System.arraycopy(encoded, 0, bytes, size, encoded.length);
          size += encoded.length;
          return;
        }
        bytes[size++] = (byte) c;
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }
}
