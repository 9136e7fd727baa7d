package org.kopir.gateway.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Forwarding to the partner node ({@code kopir.delivery.*}). */
@ConfigurationProperties("kopir.delivery")
public class DeliveryProperties {

  /** Durable queue holding messages for the partner until its receipt is verified. */
  private String outboundQueue;

  /** Concurrent consumers of the outbound queue. */
  private int consumers = 2;

  private Duration connectTimeout = Duration.ofSeconds(5);

  /** How long to wait for the partner's receipt before the attempt counts as failed. */
  private Duration requestTimeout = Duration.ofSeconds(30);

  public String getOutboundQueue() {
    return outboundQueue;
  }

  public void setOutboundQueue(String outboundQueue) {
    this.outboundQueue = outboundQueue;
  }

  public int getConsumers() {
    return consumers;
  }

  public void setConsumers(int consumers) {
    this.consumers = consumers;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }
}
