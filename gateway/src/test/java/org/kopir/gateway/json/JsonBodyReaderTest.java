package org.kopir.gateway.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;

class JsonBodyReaderTest {

  private final JsonBodyReader reader = new JsonBodyReader(new IntakeProperties());

  @Test
  void readsAUtf8JsonObject() {
    assertThat(
            reader
                .read(
                    "{\"a\":\"Қайрат\"}".getBytes(StandardCharsets.UTF_8),
                    "application/json; charset=UTF-8")
                .path("a")
                .asText())
        .isEqualTo("Қайрат");
  }

  @Test
  void refusesOverlongUtf8InsideAValue() {
    byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAB, '"', '}'};

    assertRefused(overlong, "application/json", ErrorCode.MALFORMED_JSON);
  }

  @Test
  void refusesAnUnpairedSurrogateEncodedAsUtf8() {
    byte[] surrogate = {
      '{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'
    };

    assertRefused(surrogate, "application/json", ErrorCode.MALFORMED_JSON);
  }

  @Test
  void refusesOtherCharsetsAndMediaTypes() {
    assertRefused(
        "{}".getBytes(), "application/json; charset=ISO-8859-1", ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    assertRefused("{}".getBytes(), "application/xml", ErrorCode.UNSUPPORTED_MEDIA_TYPE);
  }

  @Test
  void refusesAJsonValueThatIsNotAnObject() {
    assertRefused("[1]".getBytes(), "application/json", ErrorCode.MALFORMED_JSON);
    assertRefused("{} {}".getBytes(), "application/json", ErrorCode.MALFORMED_JSON);
  }

  private void assertRefused(byte[] body, String contentType, ErrorCode code) {
    assertThatThrownBy(() -> reader.read(body, contentType))
        .isInstanceOfSatisfying(KopirException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
