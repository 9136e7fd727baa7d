package org.kopir.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kopir.gateway.json.IntakeProperties;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class BodyLimitFilterTest {

  private static final int LIMIT = 64;
  private static final byte[] BODY =
      "{\"header\":{\"messageId\":\"b1\"}}".getBytes(StandardCharsets.UTF_8);

  private final BodyLimitFilter filter = new BodyLimitFilter(limitOf(LIMIT));

  @ParameterizedTest(name = "declared length: {0}")
  @ValueSource(booleans = {true, false})
  void aBodyWithinTheLimitReachesTheChainWhole(boolean declaredLength) throws Exception {
    HttpServletRequest passed = passedOn(post(BODY, declaredLength));

    assertThat(passed.getContentLengthLong()).isEqualTo(BODY.length);
    assertThat(passed.getInputStream().readAllBytes()).isEqualTo(BODY);
  }

  @ParameterizedTest(name = "declared length: {0}, {1} bytes")
  @CsvSource({"true, 65", "false, 192"}) // LIMIT + 1 and LIMIT * 3
  void aBodyOverTheLimitIsRefusedWith413(boolean declaredLength, int bytes) throws Exception {
    MockFilterChain chain = new MockFilterChain();
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(post(new byte[bytes], declaredLength), response, chain);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(response.getContentAsString()).contains("PAYLOAD_TOO_LARGE");
    assertThat(chain.getRequest()).isNull();
  }

  @Test
  void eachReadOfTheBufferedBodyStartsAtItsBeginning() throws Exception {
    HttpServletRequest passed = passedOn(post(BODY, true));

    ServletInputStream first = passed.getInputStream();
    byte[] head = new byte[5];
    assertThat(first.read(head, 0, head.length)).isEqualTo(5);
    assertThat(first.available()).isEqualTo(BODY.length - 5);
    assertThat(first.isFinished()).isFalse();
    assertThat(first.readAllBytes()).isEqualTo(Arrays.copyOfRange(BODY, 5, BODY.length));
    assertThat(first.read()).isEqualTo(-1);
    assertThat(first.read(head, 0, head.length)).isEqualTo(-1);
    assertThat(first.isFinished()).isTrue();

    ByteArrayOutputStream again = new ByteArrayOutputStream();
    assertThat(passed.getInputStream().transferTo(again)).isEqualTo(BODY.length);
    assertThat(again.toByteArray()).isEqualTo(BODY);
  }

  @Test
  void transferToWritesTheRestFromTheBufferedArrayItselfInOneWrite() throws Exception {
    ServletInputStream in = passedOn(post(BODY, true)).getInputStream();
    assertThat(in.read()).isEqualTo(BODY[0]);

    List<String> writes = new ArrayList<>();
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    OutputStream recording =
        new OutputStream() {
          @Override
          public void write(int b) {
            writes.add("one byte");
            written.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            writes.add("array of " + b.length + " from " + off + ", " + len + " bytes");
            written.write(b, off, len);
          }
        };

    assertThat(in.transferTo(recording)).isEqualTo(BODY.length - 1);
    // the body's own array, from the read position: no intermediate buffer was filled
    assertThat(writes)
        .containsExactly("array of " + BODY.length + " from 1, " + (BODY.length - 1) + " bytes");
    assertThat(written.toByteArray()).isEqualTo(Arrays.copyOfRange(BODY, 1, BODY.length));
    assertThat(in.isFinished()).isTrue();
  }

  /** The request the filter hands on to the rest of the chain. */
  private HttpServletRequest passedOn(MockHttpServletRequest request) throws Exception {
    MockFilterChain chain = new MockFilterChain();
    filter.doFilter(request, new MockHttpServletResponse(), chain);
    return (HttpServletRequest) chain.getRequest();
  }

  private static MockHttpServletRequest post(byte[] body, boolean declaredLength) {
    MockHttpServletRequest request =
        declaredLength
            ? new MockHttpServletRequest("POST", "/api/v1/messages")
            : new MockHttpServletRequest("POST", "/api/v1/messages") {
              @Override
              public int getContentLength() {
                return -1;
              }

              @Override
              public long getContentLengthLong() {
                return -1;
              }
            };
    request.setContent(body);
    request.setContentType("application/json");
    return request;
  }

  private static IntakeProperties limitOf(int bytes) {
    IntakeProperties properties = new IntakeProperties();
    properties.setMaxBodyBytes(bytes);
    return properties;
  }
}
