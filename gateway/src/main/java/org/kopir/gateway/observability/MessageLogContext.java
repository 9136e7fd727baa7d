package org.kopir.gateway.observability;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The message a thread is working on, as {@code kopirMessageId} in the logging context (MDC), so
 * that every log line written while a message is processed names it. A step puts the id once it has
 * read it ({@link #processing}); the context is cleared when the exchange is done, completed or
 * failed, on the thread that finished it, so that a pooled request or consumer thread never names
 * the previous message.
 *
 * <p>This replaces Camel's own MDC logging ({@code camel.springboot.use-mdc-logging}), which copied
 * the whole logging context at every step of every route to put Camel's ids in it.
 */
@Component
public class MessageLogContext extends EventNotifierSupport {

  /** The logging context's key: docs/operations.md, "Logs". */
  public static final String MESSAGE_ID = "kopirMessageId";

  public MessageLogContext() {
    setIgnoreCamelContextEvents(true);
    setIgnoreCamelContextInitEvents(true);
    setIgnoreRouteEvents(true);
    setIgnoreServiceEvents(true);
    setIgnoreStepEvents(true);
    setIgnoreExchangeCreatedEvent(true);
    setIgnoreExchangeSendingEvents(true);
    setIgnoreExchangeSentEvents(true);
    setIgnoreExchangeRedeliveryEvents(true);
    setIgnoreExchangeAsyncProcessingStartedEvents(true);
  }

  /** From now until its exchange is done, this thread's log lines name {@code messageId}. */
  public static void processing(String messageId) {
    MDC.put(MESSAGE_ID, messageId);
  }

  @Override
  public boolean isEnabled(CamelEvent event) {
    return event.getType() == CamelEvent.Type.ExchangeCompleted
        || event.getType() == CamelEvent.Type.ExchangeFailed;
  }

  @Override
  public void notify(CamelEvent event) {
    MDC.remove(MESSAGE_ID);
  }
}
