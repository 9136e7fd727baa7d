package org.kopir.gateway.http;

import org.apache.catalina.connector.Connector;

/** Adds settings (such as mutual TLS) to the border API's connector. */
public interface BorderConnectorConfigurer {
  void configure(Connector connector);
}
