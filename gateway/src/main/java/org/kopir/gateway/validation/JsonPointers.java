package org.kopir.gateway.validation;

/** RFC 6901 helpers. */
final class JsonPointers {

  private JsonPointers() {}

  /** Escapes one reference token ({@code ~} → {@code ~0}, {@code /} → {@code ~1}). */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
