package org.kopir.gateway.bench;

import java.io.IOException;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The agency systems that submit a pipeline's referrals: HTTPS with the agency's client
 * certificate, each client thread on a kept-alive connection of its own, kept from one run to the
 * next, the answer read on the thread that sent the request (Apache HttpClient's classic, blocking
 * API). The benchmark's client shares the machine with both nodes, so it is kept to what a plain
 * agency system does per request; the JDK's asynchronous {@code HttpClient}, which the tests use,
 * hands each exchange between several threads.
 */
final class AgencySubmitter implements AutoCloseable {

  private final CloseableHttpClient client;
  private final String url;

  /** Posts to {@code url} over at most {@code connections} connections. */
  AgencySubmitter(SSLContext tls, String url, int connections) {
    this.url = url;
    this.client =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
                    .setMaxConnTotal(connections)
                    .setMaxConnPerRoute(connections)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.ofSeconds(5))
                            .setSocketTimeout(Timeout.ofSeconds(30))
                            // Kept between runs: one the node closed while idle is found stale
                            // before it is lent again, not by a failed submission.
                            .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                            .build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(30)).build())
            .disableAutomaticRetries()
            // With a client certificate, the pool would tie each connection to the TLS principal
            // and lend it only to requests naming that principal: every request a new handshake.
            .disableConnectionState()
            .build();
  }

  /** Submits one envelope (JSON text); the HTTP status of the node's answer. */
  int submit(String envelope) throws IOException {
    HttpPost post = new HttpPost(url);
    post.setEntity(new StringEntity(envelope, ContentType.APPLICATION_JSON));
    return client.execute(
        post,
        response -> {
          EntityUtils.consume(response.getEntity());
          return response.getCode();
        });
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
