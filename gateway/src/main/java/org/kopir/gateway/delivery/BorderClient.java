package org.kopir.gateway.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The default border transport: posts signed messages to the partner's border API over HTTPS with
 * mutual TLS (SPEC §9) and returns its answer.
 */
@Component
@ConditionalOnProperty(
    name = "kopir.delivery.transport",
    havingValue = "https",
    matchIfMissing = true)
public class BorderClient implements BorderTransport {

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http;
  private final URI messagesUri;
  private final URI receiptsUri;
  private final DeliveryProperties properties;

  public BorderClient(
      NodeProperties node, DeliveryProperties properties, BorderHttpClientFactory clients) {
    this.properties = properties;
    this.http = clients.create(properties.getConnectTimeout());
    String base = stripSlash(node.getPartner().getBorderUrl());
    this.messagesUri = URI.create(base + "/border/v1/messages");
    this.receiptsUri = URI.create(base + "/border/v1/receipts");
  }

  @Override
  public BorderAnswer send(String signedMessage) {
    HttpResponse<byte[]> response = send(messagesUri, signedMessage);
    return new BorderAnswer(response.statusCode(), receiptOf(response.body()));
  }

  /** Posts a signed receipt (SPEC §9); returns the HTTP status. */
  @Override
  public int sendReceipt(String signedReceipt) {
    return send(receiptsUri, signedReceipt).statusCode();
  }

  private HttpResponse<byte[]> send(URI uri, String json) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(properties.getRequestTimeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new TransientDeliveryException("partner unreachable: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientDeliveryException("interrupted");
    }
  }

  private JsonNode receiptOf(byte[] body) {
    try {
      JsonNode node = mapper.readTree(body);
      return node != null && node.path("receipt").isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
