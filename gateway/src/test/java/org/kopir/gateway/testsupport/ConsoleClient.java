package org.kopir.gateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManager;
import org.kopir.gateway.crypto.SigningCredential;
import org.kopir.gateway.crypto.TlsMaterial;

/**
 * A browser-like HTTPS client of the console: keeps cookies, does not follow redirects, reads the
 * CSRF token from the last page and posts forms with it.
 */
public final class ConsoleClient {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient client;
  private final CookieManager cookies = new CookieManager();
  private String csrf;

  private ConsoleClient(String base, Path ca, KeyManager[] keyManagers) {
    this.base = base;
    this.client = client(keyManagers, ca);
  }

  /** A person's browser against the node at {@code base} (its local API URL). */
  public static ConsoleClient browser(String base, Path ca) {
    return new ConsoleClient(base, ca, null);
  }

  /** An agency system presenting its client certificate. */
  public static ConsoleClient agency(String base, Path ca, SigningCredential credential) {
    return new ConsoleClient(base, ca, TlsMaterial.keyManagers(credential));
  }

  /** An answer: status, headers, body. */
  public record Page(int status, String body, HttpResponse<String> raw) {
    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    public List<String> headers(String name) {
      return raw.headers().allValues(name);
    }
  }

  public Page get(String path) {
    return remember(send(request(path).GET().build()));
  }

  /** A GET with one extra request header (e.g. {@code Authorization}). */
  public Page get(String path, String header, String value) {
    return remember(send(request(path).header(header, value).GET().build()));
  }

  /** Posts {@code fields} as a form, with the CSRF token of the last page unless it has one. */
  public Page post(String path, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    if (csrf != null) {
      all.putIfAbsent("_csrf", csrf);
    }
    return postRaw(path, all);
  }

  /** Posts {@code fields} exactly as given (no CSRF token added). */
  public Page postRaw(String path, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return remember(
        send(
            request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build()));
  }

  /** Signs in through the form; returns the answer to the form's POST. */
  public Page signIn(String user, String password) {
    get("/console/login");
    return post("/console/login", Map.of("username", user, "password", password));
  }

  public Optional<HttpCookie> cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst();
  }

  private Page remember(Page page) {
    Matcher matcher = CSRF.matcher(page.body());
    if (matcher.find()) {
      csrf = matcher.group(1);
    }
    return page;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
  }

  private Page send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Page(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpClient client(KeyManager[] keyManagers, Path ca) {
    return HttpClient.newBuilder()
        .sslContext(Http.tls(keyManagers, ca))
        .cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }
}
