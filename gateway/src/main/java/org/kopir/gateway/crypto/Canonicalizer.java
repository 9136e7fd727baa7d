package org.kopir.gateway.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.erdtman.jcs.JsonCanonicalizer;

/** RFC 8785 (JCS) canonical bytes and their SHA-256 digest (SPEC §3). */
public final class Canonicalizer {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Canonicalizer() {}

  /** UTF-8 bytes of the RFC 8785 serialization of {@code value}. */
  public static byte[] canonicalBytes(JsonNode value) {
    try {
      return new JsonCanonicalizer(MAPPER.writeValueAsString(value)).getEncodedUTF8();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value cannot be serialized", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
}
