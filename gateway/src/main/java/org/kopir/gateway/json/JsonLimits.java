package org.kopir.gateway.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The hardened JSON reader used for everything that enters a node (SPEC §11): bounded nesting,
 * string length, token count and number length, duplicate keys refused, no NaN or Infinity, no
 * trailing content.
 */
public final class JsonLimits {

  public static final int MAX_NESTING_DEPTH = 64;
  public static final int MAX_STRING_LENGTH = 64 * 1024;
  public static final long MAX_TOKEN_COUNT = 10_000;
  public static final int MAX_NUMBER_LENGTH = 19;
  public static final int MAX_NAME_LENGTH = 1024;

  private JsonLimits() {}

  /** A mapper enforcing the limits; thread-safe, build once and share. */
  public static ObjectMapper hardenedMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxTokenCount(MAX_TOKEN_COUNT)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .build();
  }
}
