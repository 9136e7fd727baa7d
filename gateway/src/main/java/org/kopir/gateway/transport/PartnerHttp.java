package org.kopir.gateway.transport;

import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.kopir.gateway.delivery.DeliveryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP client behind the {@code http}/{@code https} endpoints that call the partner: its
 * timeouts from {@code kopir.delivery.connect-timeout} and {@code request-timeout}, and no retry of
 * its own — one call is one attempt, retrying is the outbound queue's business (a hidden second
 * POST would also hide a failure from the ledger and the audit trail).
 */
@Configuration(proxyBeanMethods = false)
public class PartnerHttp {

  @Bean
  ComponentCustomizer partnerHttpClient(DeliveryProperties delivery) {
    return ComponentCustomizer.forType(
        HttpComponent.class,
        component -> {
          int connect = Math.toIntExact(delivery.getConnectTimeout().toMillis());
          int request = Math.toIntExact(delivery.getRequestTimeout().toMillis());
          component.setConnectTimeout(connect);
          component.setConnectionRequestTimeout(connect);
          component.setResponseTimeout(request);
          component.setSoTimeout(request);
          component.setHttpClientConfigurer(
              builder ->
                  builder
                      .disableAutomaticRetries()
                      .disableRedirectHandling()
                      .disableConnectionState());
        });
  }
}
