package org.kopir.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;

/**
 * The border's connector, on a running Tomcat, keeps its connections as the local API's connector
 * does (Tomcat reports its keep-alive limit only once the connector is bound).
 */
class BorderConnectorCustomizerTest {

  // Tomcat's base directory, which Spring Boot would otherwise create in the system's temporary
  // directory and leave there
  @TempDir Path tomcatBase;

  @Test
  void theBorderConnectorTakesTheLocalApisKeepAliveSettings() {
    ServerProperties server = new ServerProperties();
    server.getTomcat().setMaxKeepAliveRequests(10_000);
    server.getTomcat().setKeepAliveTimeout(Duration.ofSeconds(75));

    onRunningBorder(
        server,
        border -> {
          assertThat(protocol(border).getMaxKeepAliveRequests()).isEqualTo(10_000);
          assertThat(protocol(border).getKeepAliveTimeout()).isEqualTo(75_000);
        });
  }

  @Test
  void withoutAKeepAliveTimeoutTheBorderWaitsAsLongAsForARequest() {
    onRunningBorder(
        new ServerProperties(),
        border -> {
          assertThat(protocol(border).getMaxKeepAliveRequests()).isEqualTo(100);
          assertThat(protocol(border).getKeepAliveTimeout())
              .isEqualTo(protocol(border).getConnectionTimeout());
        });
  }

  private void onRunningBorder(ServerProperties server, Consumer<Connector> check) {
    NodeProperties node = new NodeProperties();
    node.getPorts().setBorder(0);
    TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
    factory.setBaseDirectory(tomcatBase.toFile());
    new BorderConnectorCustomizer(node, server, List.of()).customize(factory);
    TomcatWebServer web = (TomcatWebServer) factory.getWebServer();
    web.start();
    try {
      Connector local = web.getTomcat().getConnector();
      List<Connector> others =
          Arrays.stream(web.getTomcat().getService().findConnectors())
              .filter(connector -> connector != local)
              .toList();
      assertThat(others).hasSize(1);
      assertThat(others.get(0).getLocalPort()).isPositive();
      check.accept(others.get(0));
    } finally {
      web.stop();
      web.destroy();
    }
  }

  private static AbstractHttp11Protocol<?> protocol(Connector connector) {
    return (AbstractHttp11Protocol<?>) connector.getProtocolHandler();
  }
}
