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
import org.springframework.stereotype.Component;

/** Posts signed messages to the partner's border API (SPEC §9) and returns its answer. */
@Component
public class BorderClient {

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http;
  private final URI messagesUri;
  private final DeliveryProperties properties;

  public BorderClient(
      NodeProperties node, DeliveryProperties properties, BorderHttpClientFactory clients) {
    this.properties = properties;
    this.http = clients.create(properties.getConnectTimeout());
    this.messagesUri =
        URI.create(stripSlash(node.getPartner().getBorderUrl()) + "/border/v1/messages");
  }

  /** The partner's answer: its HTTP status and the receipt, if it sent one. */
  public record BorderAnswer(int status, JsonNode receipt) {}

  public BorderAnswer post(String signedMessage) {
    HttpRequest request =
        HttpRequest.newBuilder(messagesUri)
            .timeout(properties.getRequestTimeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(signedMessage, StandardCharsets.UTF_8))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new TransientDeliveryException("partner unreachable: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientDeliveryException("interrupted");
    }
    return new BorderAnswer(response.statusCode(), receiptOf(response.body()));
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
