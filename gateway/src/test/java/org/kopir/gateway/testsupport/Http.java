package org.kopir.gateway.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.kopir.gateway.crypto.PemFiles;
import org.kopir.gateway.crypto.SigningCredential;
import org.kopir.gateway.crypto.TlsMaterial;

/**
 * An HTTPS client for tests that talk to a node as its callers do: an agency system with its client
 * certificate, a person with a password, or an anonymous probe.
 */
public final class Http {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient client;
  private final String authorization;

  private Http(HttpClient client, String authorization) {
    this.client = client;
    this.authorization = authorization;
  }

  /** An agency system presenting its TLS client certificate, trusting {@code ca}. */
  public static Http agency(SigningCredential credential, Path ca) {
    return new Http(client(TlsMaterial.keyManagers(credential), ca), null);
  }

  /**
   * TLS presenting {@code credential}'s certificate and trusting only {@code ca}: for clients and
   * servers other than this one (the end-to-end benchmark's submitters, a stand-in server).
   */
  public static SSLContext tls(SigningCredential credential, Path ca) {
    return tls(TlsMaterial.keyManagers(credential), ca);
  }

  /** A person with user name and password, trusting {@code ca}. */
  public static Http person(String user, String password, Path ca) {
    String basic =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new Http(client(null, ca), "Basic " + basic);
  }

  /** No credentials at all. */
  public static Http anonymous(Path ca) {
    return new Http(client(null, ca), null);
  }

  /** An answer with its status and body. */
  public record Answer(int status, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public Answer postJson(String url, String body) {
    return post(url, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  public Answer post(String url, String contentType, byte[] body) {
    HttpRequest.Builder builder = request(url).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(builder.build());
  }

  public Answer get(String url) {
    return send(request(url).GET().build());
  }

  public Answer delete(String url) {
    return send(request(url).DELETE().build());
  }

  private HttpRequest.Builder request(String url) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpClient client(KeyManager[] keyManagers, Path ca) {
    return HttpClient.newBuilder()
        .sslContext(tls(keyManagers, ca))
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** TLS trusting only the CA in {@code ca}, presenting {@code keyManagers}' key if any. */
  static SSLContext tls(KeyManager[] keyManagers, Path ca) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", PemFiles.readCertificate(ca));
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, factory.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException("test TLS context cannot be built", e);
    }
  }
}
