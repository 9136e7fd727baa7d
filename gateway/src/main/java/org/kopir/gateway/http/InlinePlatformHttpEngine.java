package org.kopir.gateway.http;

import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;

/** Camel's platform-http engine on Spring MVC, with consumers that answer inline. */
public class InlinePlatformHttpEngine implements PlatformHttpEngine {

  private final int port;

  public InlinePlatformHttpEngine(int port) {
    this.port = port;
  }

  @Override
  public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
    return new InlinePlatformHttpConsumer(endpoint, processor);
  }

  @Override
  public int getServerPort() {
    return port;
  }
}
