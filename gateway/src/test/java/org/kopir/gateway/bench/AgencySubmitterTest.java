package org.kopir.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.testsupport.DemoPki;
import org.kopir.gateway.testsupport.Http;

class AgencySubmitterTest {

  private final AtomicInteger connections = new AtomicInteger();
  private final List<String> clients = new CopyOnWriteArrayList<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private HttpsServer server;

  /** A node's HTTPS intake stand-in: kz's TLS certificate, agencies' certificates required. */
  @BeforeEach
  void startServer() throws Exception {
    SSLContext tls = Http.tls(DemoPki.nodeTls("kz"), DemoPki.ca("kz"));
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters parameters) {
            // Called once for every connection the server accepts.
            connections.incrementAndGet();
            var ssl = getSSLContext().getDefaultSSLParameters();
            ssl.setNeedClientAuth(true);
            parameters.setSSLParameters(ssl);
          }
        });
    server.createContext(
        "/api/v1/messages",
        exchange -> {
          clients.add(((HttpsExchange) exchange).getSSLSession().getPeerPrincipal().getName());
          bodies.add(new String(exchange.getRequestBody().readAllBytes()));
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          byte[] answer = "{\"status\":\"ACCEPTED\"}".getBytes();
          exchange.sendResponseHeaders(202, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void submissionsFromOneThreadShareOneConnectionAndPresentTheAgencyCertificate() throws Exception {
    String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/messages";
    try (AgencySubmitter agency =
        new AgencySubmitter(Http.tls(DemoPki.agency("kz", "kz-cpc"), DemoPki.ca("kz")), url, 2)) {
      for (int i = 0; i < 20; i++) {
        assertThat(agency.submit("{\"n\":" + i + "}")).isEqualTo(202);
      }
    }

    assertThat(bodies).hasSize(20).startsWith("{\"n\":0}").endsWith("{\"n\":19}");
    assertThat(clients).hasSize(20).allSatisfy(name -> assertThat(name).contains("kz-cpc"));
    assertThat(connections).hasValue(1);
  }
}
