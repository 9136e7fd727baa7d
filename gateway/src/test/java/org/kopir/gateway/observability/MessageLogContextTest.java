package org.kopir.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class MessageLogContextTest {

  private final List<String> seenAfterTheSubRoute = new CopyOnWriteArrayList<>();
  private CamelContext camel;
  private ProducerTemplate producer;

  @BeforeEach
  void start() throws Exception {
    camel = new DefaultCamelContext();
    camel.getManagementStrategy().addEventNotifier(new MessageLogContext());
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from("direct:message")
                .to("direct:read")
                .process(
                    exchange -> seenAfterTheSubRoute.add(MDC.get(MessageLogContext.MESSAGE_ID)))
                .filter(body().isEqualTo("refuse"))
                .throwException(new IllegalStateException("refused"));
            from("direct:read").process(exchange -> MessageLogContext.processing("m-1"));
          }
        });
    camel.start();
    producer = camel.createProducerTemplate();
    MDC.clear();
  }

  @AfterEach
  void stop() throws Exception {
    camel.close();
    MDC.clear();
  }

  @Test
  void theMessagesIdStaysInTheLoggingContextAfterASubRouteAndLeavesItWhenTheExchangeCompletes() {
    producer.sendBody("direct:message", "deliver");

    assertThat(seenAfterTheSubRoute).containsExactly("m-1");
    assertThat(MDC.get(MessageLogContext.MESSAGE_ID))
        .as("the thread that finished the exchange no longer names its message")
        .isNull();
  }

  @Test
  void theMessagesIdLeavesTheLoggingContextWhenTheExchangeFails() {
    assertThatThrownBy(() -> producer.sendBody("direct:message", "refuse"))
        .isInstanceOf(CamelExecutionException.class);

    assertThat(seenAfterTheSubRoute).containsExactly("m-1");
    assertThat(MDC.get(MessageLogContext.MESSAGE_ID)).isNull();
  }

  @Test
  void otherKeysOfTheLoggingContextAreLeftAlone() {
    MDC.put("traceId", "t-1");

    producer.sendBody("direct:message", "deliver");

    assertThat(MDC.get("traceId")).isEqualTo("t-1");
    assertThat(MDC.get(MessageLogContext.MESSAGE_ID)).isNull();
  }
}
