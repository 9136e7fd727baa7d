package org.kopir.gateway.delivery;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Builds the HTTP client that calls the partner's border API. */
@Component
public class BorderHttpClientFactory {

  public HttpClient create(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }
}
