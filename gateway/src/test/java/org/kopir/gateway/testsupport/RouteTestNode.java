package org.kopir.gateway.testsupport;

import java.nio.file.Path;
import java.util.List;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.kopir.gateway.KopirGatewayApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the route-level tests (camel-test-spring-junit5): node kz in this JVM with its real
 * routes, beans, embedded broker and database, on free ports and a fresh data directory, its Camel
 * context not yet started so that a test class can advise its routes ({@code AdviceWith}) and then
 * start it. Each test class gets its own node.
 */
@CamelSpringBootTest
@UseAdviceWith
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
// kopir.node before the node's configuration file is imported; the rest per run
@SpringBootTest(classes = KopirGatewayApplication.class, properties = "kopir.node=kz")
public abstract class RouteTestNode {

  @DynamicPropertySource
  static void node(DynamicPropertyRegistry registry) throws Exception {
    Path data = TemporaryDirectories.untilExit("kopir-route-test");
    registry.add("kopir.data-dir", data::toString);
    registry.add("kopir.ports.local", FreePorts::next);
    registry.add("kopir.ports.border", FreePorts::next);
    registry.add("kopir.broker.port", () -> 0);
    registry.add("kopir.crypto.certs-dir", () -> DemoPki.root().toString());
    registry.add("kopir.partners.kg.border-url", () -> "https://127.0.0.1:1");
    registry.add("kopir.channels.jms.intake-enabled", () -> "false");
    registry.add("spring.jmx.enabled", () -> "false");
    registry.add("logging.structured.format.console", () -> "");
    for (String priority : List.of("high", "normal", "low")) {
      registry.add("kopir.broker.retry." + priority + ".initial-delay", () -> "100ms");
      registry.add("kopir.broker.retry." + priority + ".max-delay", () -> "200ms");
    }
    // a low-priority message's budget is spent at its first failure
    registry.add("kopir.broker.retry.low.budget", () -> "0s");
    registry.add("kopir.broker.redelivery.initial-delay", () -> "100ms");
    registry.add("kopir.broker.redelivery.max-delay", () -> "200ms");
  }
}
