package org.kopir.gateway.http;

import java.time.Duration;
import java.util.List;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Opens the border API's own port (SPEC §1) beside the local API's {@code server.port}. Spring Boot
 * applies {@code server.tomcat.*} to the local API's connector only; the border's keeps its
 * connections as long as that one does ({@code server.tomcat.max-keep-alive-requests} and {@code
 * keep-alive-timeout}), so a partner node's pooled connection is not closed, and its TLS handshake
 * made again, after Tomcat's default of 100 requests.
 */
@Component
public class BorderConnectorCustomizer
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  private final NodeProperties node;
  private final ServerProperties server;
  private final List<BorderConnectorConfigurer> configurers;

  public BorderConnectorCustomizer(
      NodeProperties node, ServerProperties server, List<BorderConnectorConfigurer> configurers) {
    this.node = node;
    this.server = server;
    this.configurers = configurers;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
    connector.setPort(node.getPorts().getBorder());
    connector.setProperty("address", "0.0.0.0");
    if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
      ServerProperties.Tomcat tomcat = server.getTomcat();
      http.setMaxKeepAliveRequests(tomcat.getMaxKeepAliveRequests());
      Duration keepAlive = tomcat.getKeepAliveTimeout();
      if (keepAlive != null) {
        http.setKeepAliveTimeout((int) keepAlive.toMillis());
      }
    }
    configurers.forEach(configurer -> configurer.configure(connector));
    factory.addAdditionalTomcatConnectors(connector);
  }
}
