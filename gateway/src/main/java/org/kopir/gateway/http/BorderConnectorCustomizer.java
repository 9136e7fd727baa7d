package org.kopir.gateway.http;

import org.apache.catalina.connector.Connector;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/** Opens the border API's own port (SPEC §1) beside the local API's {@code server.port}. */
@Component
public class BorderConnectorCustomizer
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  private final NodeProperties node;
  private final java.util.List<BorderConnectorConfigurer> configurers;

  public BorderConnectorCustomizer(
      NodeProperties node, java.util.List<BorderConnectorConfigurer> configurers) {
    this.node = node;
    this.configurers = configurers;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
    connector.setPort(node.getPorts().getBorder());
    connector.setProperty("address", "0.0.0.0");
    configurers.forEach(configurer -> configurer.configure(connector));
    factory.addAdditionalTomcatConnectors(connector);
  }
}
