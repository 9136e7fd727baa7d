package org.kopir.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.LoneNode;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.springframework.web.servlet.handler.MatchableHandlerMapping;

/**
 * The node's platform-http routes (REST intake, border) answer on the servlet thread: one node, kz,
 * with an unreachable partner (submissions stay queued).
 */
class InlinePlatformHttpTest {

  @RegisterExtension static final LoneNode kz = new LoneNode("kz");

  @Test
  void theRoutesOfTheIntakeAndTheBorderAreHandledByTheirConsumers() throws Exception {
    InlinePlatformHttpHandlerMapping mapping =
        kz.node().bean(InlinePlatformHttpHandlerMapping.class);

    for (String path :
        new String[] {"/api/v1/messages", "/border/v1/messages", "/border/v1/receipts"}) {
      assertThat(mapping.getHandler(new MockHttpServletRequest("POST", path)))
          .as(path)
          .isNotNull()
          .satisfies(
              chain ->
                  assertThat(chain.getHandler()).isInstanceOf(InlinePlatformHttpConsumer.class));
    }
  }

  @Test
  void anotherMethodOnARoutesPathIsStillRefusedAsNotAllowed() {
    InlinePlatformHttpHandlerMapping mapping =
        kz.node().bean(InlinePlatformHttpHandlerMapping.class);

    assertThatThrownBy(
            () -> mapping.getHandler(new MockHttpServletRequest("PUT", "/border/v1/messages")))
        .isInstanceOf(HttpRequestMethodNotSupportedException.class);
  }

  @Test
  void theIntrospectorOfSpringSecurityMatchesPathPatternsAgainstARoutesRequest() throws Exception {
    HandlerMappingIntrospector introspector = kz.node().bean(HandlerMappingIntrospector.class);
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/border/v1/messages");

    MatchableHandlerMapping mapping = introspector.getMatchableHandlerMapping(request);

    assertThat(mapping).isNotNull();
    assertThat(mapping.match(request, "/border/**")).isNotNull();
    assertThat(mapping.match(request, "/api/**")).isNull();
  }

  @Test
  void pathsOfTheNodesControllersAreLeftToThem() throws Exception {
    InlinePlatformHttpHandlerMapping mapping =
        kz.node().bean(InlinePlatformHttpHandlerMapping.class);

    assertThat(mapping.getHandler(new MockHttpServletRequest("GET", "/api/v1/inbox"))).isNull();
  }

  @Test
  void aSubmissionIsAnsweredWithoutHandingTheRequestToAnotherThread() {
    ThreadPoolTaskExecutor tasks = kz.node().bean(ThreadPoolTaskExecutor.class);
    long handedOver = tasks.getThreadPoolExecutor().getCompletedTaskCount();
    Http cpc = kz.node().agency("kz-cpc");

    Http.Answer answer =
        cpc.postJson(kz.node().localUrl() + "/api/v1/messages", Envelopes.referral().toString());
    Http.Answer malformed = cpc.postJson(kz.node().localUrl() + "/api/v1/messages", "{");

    assertThat(answer.status()).isEqualTo(202);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().path("code").asText()).isEqualTo("MALFORMED_JSON");
    assertThat(tasks.getThreadPoolExecutor().getCompletedTaskCount()).isEqualTo(handedOver);
    assertThat(tasks.getActiveCount()).isZero();
  }

  @Test
  void answersGoOutWithTheirLengthInsteadOfChunks() {
    Http cpc = kz.node().agency("kz-cpc");

    Http.Answer accepted =
        cpc.postJson(kz.node().localUrl() + "/api/v1/messages", Envelopes.referral().toString());
    Http.Answer refused = cpc.postJson(kz.node().localUrl() + "/api/v1/messages", "{");

    for (Http.Answer answer : List.of(accepted, refused)) {
      assertThat(answer.raw().headers().firstValue("Transfer-Encoding")).isEmpty();
      assertThat(answer.raw().headers().firstValue(Exchange.HTTP_CHUNKED)).isEmpty();
      assertThat(answer.raw().headers().firstValueAsLong("Content-Length"))
          .hasValue(answer.body().getBytes(StandardCharsets.UTF_8).length);
    }
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(refused.status()).isEqualTo(400);
  }
}
