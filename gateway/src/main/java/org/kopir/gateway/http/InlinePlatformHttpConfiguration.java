package org.kopir.gateway.http;

import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.CamelRequestHandlerMapping;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node's platform-http engine: routes consuming {@code platform-http:} run on the servlet
 * thread (docs/performance.md, "One thread per request"). Replaces the engine of Camel's starter,
 * which it finds by the same bean name.
 */
@Configuration(proxyBeanMethods = false)
public class InlinePlatformHttpConfiguration {

  /** Spring Boot's port when {@code server.port} is not set. */
  private static final int DEFAULT_PORT = 8080;

  @Bean(name = "platform-http-engine")
  PlatformHttpEngine inlinePlatformHttpEngine(ServerProperties server) {
    return new InlinePlatformHttpEngine(server.getPort() == null ? DEFAULT_PORT : server.getPort());
  }

  @Bean
  InlinePlatformHttpHandlerMapping inlinePlatformHttpHandlerMapping(
      ObjectProvider<CamelRequestHandlerMapping> camel) {
    return new InlinePlatformHttpHandlerMapping(camel);
  }
}
