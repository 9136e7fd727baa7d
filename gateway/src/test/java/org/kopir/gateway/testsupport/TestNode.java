package org.kopir.gateway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kopir.gateway.KopirGatewayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One gateway node started in the test JVM on free ports with its own data directory. It can be
 * stopped and started again on the same ports and data, as an operator would restart it.
 */
public final class TestNode implements AutoCloseable {

  private final String id;
  private final Path dataDir;
  private final int localPort;
  private final int borderPort;
  private final int brokerPort;
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private ConfigurableApplicationContext context;

  public TestNode(String id, Path dataDir) {
    this.id = id;
    this.dataDir = dataDir;
    this.localPort = FreePorts.next();
    this.borderPort = FreePorts.next();
    this.brokerPort = FreePorts.next();
  }

  /** Points this node at its partner's border port. */
  public TestNode partner(TestNode partner) {
    return set(
        "kopir.partners." + partner.id + ".border-url", "https://127.0.0.1:" + partner.borderPort);
  }

  public TestNode set(String key, Object value) {
    properties.put(key, value);
    return this;
  }

  public TestNode start() {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("kopir.node", id);
    all.put("kopir.data-dir", dataDir.toString());
    all.put("kopir.ports.local", localPort);
    all.put("kopir.ports.border", borderPort);
    all.put("kopir.broker.port", brokerPort);
    all.put("kopir.crypto.certs-dir", DemoPki.root().toString());
    all.put("kopir.audit.checkpoint-interval", "2s");
    all.put("kopir.broker.redelivery.initial-delay", "200ms");
    all.put("kopir.broker.redelivery.max-delay", "1s");
    for (String priority : new String[] {"high", "normal", "low"}) {
      all.put("kopir.broker.retry." + priority + ".initial-delay", "200ms");
      all.put("kopir.broker.retry." + priority + ".max-delay", "1s");
    }
    all.put("spring.jmx.enabled", "false");
    all.put("logging.structured.format.console", "");
    all.putAll(properties);
    // Command-line arguments outrank the node's config file, as an operator's overrides do.
    String[] args =
        all.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    context = new SpringApplicationBuilder(KopirGatewayApplication.class).run(args);
    return this;
  }

  public void stop() {
    if (context != null) {
      context.close();
      context = null;
    }
  }

  public boolean isRunning() {
    return context != null && context.isRunning();
  }

  public String id() {
    return id;
  }

  public String localUrl() {
    return "https://127.0.0.1:" + localPort;
  }

  public String borderUrl() {
    return "https://127.0.0.1:" + borderPort;
  }

  /** An HTTPS client acting as {@code agency}, a local agency of this node. */
  public Http agency(String agency) {
    return Http.agency(DemoPki.agency(id, agency), DemoPki.ca(id));
  }

  /** An HTTPS client acting as a person with the development account {@code user}. */
  public Http person(String user) {
    return Http.person(user, user + "-dev", DemoPki.ca(id));
  }

  /** Waits until {@code agency} sees message {@code id} at this node in {@code status}. */
  public void awaitStatus(Http agency, String id, String status) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(
                        agency
                            .get(localUrl() + "/api/v1/messages/" + id)
                            .json()
                            .path("status")
                            .asText())
                    .isEqualTo(status));
  }

  public Http anonymous() {
    return Http.anonymous(DemoPki.ca(id));
  }

  public int brokerPort() {
    return brokerPort;
  }

  public int borderPort() {
    return borderPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    stop();
  }
}
