package org.kopir.gateway.delivery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Forwarding to the partner node ({@code kopir.delivery.*}). */
@ConfigurationProperties("kopir.delivery")
public class DeliveryProperties {

  /**
   * Base name of the durable outbound queues holding messages for the partner until its receipt is
   * verified; one queue per priority ({@code <base>.high|normal|low}).
   */
  private String outboundQueue;

  /** Where the broker moves outbound messages it gave up on; route park-dead-letters reads it. */
  private String deadLetterQueue = "kopir.dead-letter.outbound";

  /** Concurrent consumers of each priority's outbound queue. */
  private int consumers = 2;

  private Duration connectTimeout = Duration.ofSeconds(5);

  /** How long to wait for the partner's receipt before the attempt counts as failed. */
  private Duration requestTimeout = Duration.ofSeconds(30);

  private Overdue overdue = new Overdue();

  public String getOutboundQueue() {
    return outboundQueue;
  }

  public void setOutboundQueue(String outboundQueue) {
    this.outboundQueue = outboundQueue;
  }

  public String getDeadLetterQueue() {
    return deadLetterQueue;
  }

  public void setDeadLetterQueue(String deadLetterQueue) {
    this.deadLetterQueue = deadLetterQueue;
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

  public Overdue getOverdue() {
    return overdue;
  }

  public void setOverdue(Overdue overdue) {
    this.overdue = overdue;
  }

  /** The overdue watch ({@code kopir.delivery.overdue.*}). */
  public static class Overdue {

    /** How often the watch looks for overdue messages. */
    private Duration checkInterval = Duration.ofMinutes(1);

    /** A message still without the partner's receipt this long after submission is overdue. */
    private Duration deliveryAfter = Duration.ofHours(1);

    /**
     * What each {@code payload.responseTimeframe} of a referral.request means; the request is
     * overdue when no referral.response correlated to it arrived within it.
     */
    private Map<String, Duration> responseTimeframes = new LinkedHashMap<>(defaultTimeframes());

    private static Map<String, Duration> defaultTimeframes() {
      Map<String, Duration> timeframes = new LinkedHashMap<>();
      timeframes.put("1-hour", Duration.ofHours(1));
      timeframes.put("3-hours", Duration.ofHours(3));
      timeframes.put("1-day", Duration.ofDays(1));
      timeframes.put("3-days", Duration.ofDays(3));
      return timeframes;
    }

    public Duration getCheckInterval() {
      return checkInterval;
    }

    public void setCheckInterval(Duration checkInterval) {
      this.checkInterval = checkInterval;
    }

    public Duration getDeliveryAfter() {
      return deliveryAfter;
    }

    public void setDeliveryAfter(Duration deliveryAfter) {
      this.deliveryAfter = deliveryAfter;
    }

    public Map<String, Duration> getResponseTimeframes() {
      return responseTimeframes;
    }

    public void setResponseTimeframes(Map<String, Duration> responseTimeframes) {
      this.responseTimeframes = responseTimeframes;
    }
  }
}
