package org.kopir.gateway.http;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.HttpRequestHandler;

/**
 * A platform-http consumer that runs its route on the servlet thread that received the request and
 * writes the answer before that thread returns ({@link InlinePlatformHttpHandlerMapping}).
 *
 * <p>Camel's own consumer hands every request to Spring's task executor and returns a future, which
 * Spring MVC answers with an asynchronous dispatch: three threads per request, and the servlet
 * filters and the dispatcher run twice. The routes of this node are synchronous (a bean step, a JMS
 * send, a commit), so the handoff buys nothing. Should a request still reach {@link #service}
 * (Camel's mapping), it is run at once on the calling thread too.
 *
 * <p>Answers go out with their length ({@code Content-Length}) rather than chunked, Camel's default
 * for platform-http: a chunked answer is flushed after its body and then ended by a chunk of its
 * own, two TLS records and two socket writes for an answer of a few hundred bytes, where one with
 * its length is written once when the request ends. A route may still ask for chunks by setting
 * {@code CamelHttpChunked}.
 */
public class InlinePlatformHttpConsumer extends SpringBootPlatformHttpConsumer
    implements HttpRequestHandler {

  private static final Logger log = LoggerFactory.getLogger(InlinePlatformHttpConsumer.class);

  public InlinePlatformHttpConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
    super(endpoint, processor, Runnable::run);
  }

  @Override
  protected void afterProcess(HttpServletResponse response, Exchange exchange) throws Exception {
    Message answer = exchange.getMessage();
    if (answer.getHeader(Exchange.HTTP_CHUNKED) == null) {
      answer.setHeader(Exchange.HTTP_CHUNKED, false);
    }
    super.afterProcess(response, exchange);
  }

  /**
   * Runs the route and writes its answer. As Camel's consumer does, a failure that escapes the
   * route's own error handling (writing the answer) is logged, by its class only, and answered 500
   * if nothing was sent yet.
   */
  @Override
  public void handleRequest(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    try {
      handleService(request, response);
    } catch (Exception e) {
      log.warn(
          "request to {} failed while its answer was written: {}",
          getEndpoint().getPath(),
          e.getClass().getName());
      if (!response.isCommitted()) {
        response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
      }
    }
  }
}
