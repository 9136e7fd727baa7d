package org.kopir.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.testsupport.Envelopes;

class CanonicalizerTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void theRfc8785ExampleCanonicalizesAsTheRfcShows() throws Exception {
    JsonNode input =
        MAPPER.readTree(
            """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
              "literals": [null, true, false]
            }
            """);

    assertThat(text(input))
        .isEqualTo(
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  @Test
  void membersAreSortedByTheUtf16CodeUnitsOfTheirNamesAsRfc8785Requires() throws Exception {
    JsonNode input =
        MAPPER.readTree(
            """
            {"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",
             "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control",
             "\\u00f6": "Latin Small Letter O With Diaeresis"}
            """);

    assertThat(text(input))
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin Small"
                + " Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"\uD83D\uDE00\":\"Emoji: Grinning"
                + " Face\",\"\uFB33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void theReferralExampleGivesTheSameBytesAsTheReferenceImplementation() throws Exception {
    JsonNode referral = Envelopes.referral();

    assertThat(Canonicalizer.canonicalBytes(referral)).isEqualTo(Canonicalizer.viaText(referral));
  }

  @Test
  void randomTreesGiveTheSameBytesAsTheReferenceImplementation() {
    SplittableRandom random = new SplittableRandom(8785);
    for (int i = 0; i < 3_000; i++) {
      // The reference implementation takes an object or an array only.
      JsonNode tree = NODES.arrayNode().add(randomValue(random, 0));

      assertThat(Canonicalizer.canonicalBytes(tree))
          .as("tree %d: %s", i, tree)
          .isEqualTo(Canonicalizer.viaText(tree));
      assertThat(Canonicalizer.digestHex(tree))
          .as("digest of tree %d: %s", i, tree)
          .isEqualTo(Canonicalizer.sha256Hex(Canonicalizer.viaText(tree)));
    }
  }

  @Test
  void textsLongerThanTheFirstBufferGiveTheSameBytesAsTheReferenceImplementation() {
    SplittableRandom random = new SplittableRandom(512);
    for (int i = 0; i < 50; i++) {
      StringBuilder text = new StringBuilder();
      while (text.length() < 20_000) {
        text.append(randomString(random));
      }
      JsonNode tree =
          NODES
              .objectNode()
              .put("narrative", text.toString())
              .put("n", i)
              .put("ascii", "x".repeat(700));

      assertThat(Canonicalizer.canonicalBytes(tree)).isEqualTo(Canonicalizer.viaText(tree));
      assertThat(Canonicalizer.digestHex(tree))
          .isEqualTo(Canonicalizer.sha256Hex(Canonicalizer.viaText(tree)));
    }
  }

  @Test
  void aThreadsBufferCarriesNothingOverFromALargerOrAnAbandonedValue() {
    JsonNode overKeptSize = NODES.arrayNode().add("ж".repeat(40_000)); // 80,000 bytes of UTF-8
    JsonNode overFirstSize = NODES.arrayNode().add("q".repeat(20_000));
    JsonNode abandoned = NODES.arrayNode().add("x".repeat(1_000)).add(Double.NaN);
    JsonNode small = NODES.arrayNode().add("a");

    for (JsonNode tree :
        List.of(overKeptSize, small, abandoned, small, overFirstSize, small, overKeptSize, small)) {
      assertThat(Canonicalizer.canonicalBytes(tree)).isEqualTo(Canonicalizer.viaText(tree));
      assertThat(Canonicalizer.digestHex(tree))
          .isEqualTo(Canonicalizer.sha256Hex(Canonicalizer.viaText(tree)));
    }
  }

  @Test
  void numbersOfEveryJacksonKindAreTheDoublesTheReferenceReads() {
    ArrayNode numbers = NODES.arrayNode();
    numbers.add(0).add(-0.0).add(Long.MAX_VALUE).add(Long.MIN_VALUE).add(9_007_199_254_740_993L);
    numbers.add(0.1f).add(Float.MIN_VALUE).add(Double.MIN_VALUE).add(Double.MAX_VALUE);
    numbers.add(new BigInteger("123456789012345678901234567890"));
    numbers.add(new BigDecimal("1E+400").negate().scaleByPowerOfTen(-800));
    numbers.add(new BigDecimal("0.30000000000000000000000000001"));
    numbers.add((short) 7);

    assertThat(text(numbers))
        .isEqualTo(new String(Canonicalizer.viaText(numbers), StandardCharsets.UTF_8));
    assertThat(text(NODES.numberNode(-0.0))).isEqualTo("0");
    assertThat(text(NODES.numberNode(9_007_199_254_740_993L))).isEqualTo("9007199254740992");
  }

  @Test
  void numbersWithoutAFiniteDoubleAreCanonicalizedAsTheReferenceImplementationDoes() {
    ArrayNode doubles =
        NODES
            .arrayNode()
            .add(Double.POSITIVE_INFINITY)
            .add(Double.NEGATIVE_INFINITY)
            .add(Double.NaN)
            .add(Float.POSITIVE_INFINITY);
    ArrayNode tooLarge = NODES.arrayNode().add(BigInteger.TEN.pow(400));

    // Jackson writes such doubles as strings, which the reference implementation then keeps
    assertThat(text(doubles)).isEqualTo("[\"Infinity\",\"-Infinity\",\"NaN\",\"Infinity\"]");
    assertThat(Canonicalizer.canonicalBytes(doubles)).isEqualTo(Canonicalizer.viaText(doubles));
    assertThatThrownBy(() -> Canonicalizer.viaText(tooLarge))
        .isInstanceOf(UncheckedIOException.class);
    assertThatThrownBy(() -> Canonicalizer.canonicalBytes(tooLarge))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void aNodeNoParserMakesIsCanonicalizedByTheReferenceImplementation() {
    ObjectNode withBinary = NODES.objectNode().put("b", new byte[] {1, 2, 3}).put("a", 1);

    assertThat(text(withBinary)).isEqualTo("{\"a\":1,\"b\":\"AQID\"}");
  }

  private static String text(JsonNode value) {
    return new String(Canonicalizer.canonicalBytes(value), StandardCharsets.UTF_8);
  }

  private static JsonNode randomValue(SplittableRandom random, int depth) {
    int kind = random.nextInt(depth > 4 ? 5 : 7);
    return switch (kind) {
      case 0 -> NODES.textNode(randomString(random));
      case 1 -> randomNumber(random);
      case 2 -> NODES.booleanNode(random.nextBoolean());
      case 3 -> NODES.nullNode();
      case 4 -> NODES.textNode(randomString(random));
      case 5 -> {
        ObjectNode object = NODES.objectNode();
        int members = random.nextInt(6);
        for (int m = 0; m < members; m++) {
          object.set(randomString(random), randomValue(random, depth + 1));
        }
        yield object;
      }
      default -> {
        ArrayNode array = NODES.arrayNode();
        int elements = random.nextInt(5);
        for (int e = 0; e < elements; e++) {
          array.add(randomValue(random, depth + 1));
        }
        yield array;
      }
    };
  }

  private static JsonNode randomNumber(SplittableRandom random) {
    return switch (random.nextInt(6)) {
      case 0 -> NODES.numberNode(random.nextInt());
      case 1 -> NODES.numberNode(random.nextLong());
      case 2 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(-30, 30)));
      case 3 -> {
        double bits = Double.longBitsToDouble(random.nextLong());
        yield NODES.numberNode(random.nextInt(20) == 0 ? Double.POSITIVE_INFINITY : bits);
      }
      case 4 ->
          NODES.numberNode(
              new BigInteger(random.nextInt(1, 120), new java.util.Random(random.nextLong())));
      default -> NODES.numberNode(random.nextInt(-1000, 1000) / 8.0);
    };
  }

  /** Names and values with escapes, controls, non-Latin letters, astral characters, lone halves. */
  private static String randomString(SplittableRandom random) {
    String[] pieces = {
      "a",
      "Z",
      "0",
      " ",
      "\"",
      "\\",
      "/",
      "\b",
      "\f",
      "\n",
      "\r",
      "\t",
      "\u0000",
      "\u001f",
      "\u007f",
      "\u0080",
      "é",
      "Қ",
      "ü",
      "€",
      "\u2028",
      "\uFB33",
      "\uD83D\uDE00",
      "\uD83D",
      "\uDE00",
      "id",
      "caseRef"
    };
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(8);
    for (int i = 0; i < length; i++) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }
}
