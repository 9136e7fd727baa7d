package org.kopir.gateway.error;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.kopir.gateway.observability.MessageMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns an exception caught by a route into its problem+json answer. Unexpected failures are logged
 * by class only: their messages may quote input.
 */
@Component("refusals")
public class RefusalResponder {

  private static final Logger LOG = LoggerFactory.getLogger(RefusalResponder.class);

  private final MessageMetrics metrics;

  public RefusalResponder(MessageMetrics metrics) {
    this.metrics = metrics;
  }

  /** The refusal carried by the exchange, or an internal error for anything unexpected. */
  public static KopirException refusalOf(Exchange exchange) {
    Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    if (caught instanceof KopirException refusal) {
      return refusal;
    }
    LOG.error(
        "Unexpected failure in route {}: {}",
        exchange.getFromRouteId(),
        caught == null ? "unknown" : caught.getClass().getName());
    return new KopirException(ErrorCode.INTERNAL_ERROR, "The message could not be processed.");
  }

  /** Answers the HTTP caller with the refusal as problem+json. */
  public void answer(Exchange exchange) {
    KopirException refusal = refusalOf(exchange);
    metrics.refused(channel(exchange), refusal.code().name());
    Message message = exchange.getMessage();
    message.removeHeaders("*");
    message.setHeader(Exchange.HTTP_RESPONSE_CODE, refusal.code().httpStatus());
    message.setHeader(Exchange.CONTENT_TYPE, ProblemBody.MEDIA_TYPE);
    message.setBody(ProblemBody.of(refusal).toString());
  }

  private static String channel(Exchange exchange) {
    String route = exchange.getFromRouteId();
    return route == null ? "unknown" : route;
  }
}
