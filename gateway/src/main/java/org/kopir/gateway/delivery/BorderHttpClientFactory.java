package org.kopir.gateway.delivery;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.kopir.gateway.crypto.CryptoMaterial;
import org.kopir.gateway.crypto.TlsMaterial;
import org.springframework.stereotype.Component;

/**
 * Builds the HTTP client that calls the partner's border API: mutual TLS with this node's TLS
 * certificate, trusting only the partner node's certificate.
 */
@Component
public class BorderHttpClientFactory {

  private final CryptoMaterial material;
  private final Clock clock;

  public BorderHttpClientFactory(CryptoMaterial material, Clock clock) {
    this.material = material;
    this.clock = clock;
  }

  public HttpClient create(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .sslContext(TlsMaterial.borderClientContext(material, clock))
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }
}
