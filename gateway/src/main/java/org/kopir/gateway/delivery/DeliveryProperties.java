package org.kopir.gateway.delivery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Forwarding to the partner node ({@code kopir.delivery.*}). */
@ConfigurationProperties("kopir.delivery")
public class DeliveryProperties {

  /** Concurrent consumers of each priority's outbound queue. */
  private int consumers = 2;

  private Duration connectTimeout = Duration.ofSeconds(5);

  /** How long to wait for the partner's receipt before the attempt counts as failed. */
  private Duration requestTimeout = Duration.ofSeconds(30);

  private Overdue overdue = new Overdue();

  /** How messages and receipts reach the partner node (SPEC §9); the signed bytes are the same. */
  private Transport transport = Transport.HTTPS;

  private Soap soap = new Soap();

  /** The border transports this node can send with. */
  public enum Transport {
    HTTPS,
    SOAP,
    JMS
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

  public Transport getTransport() {
    return transport;
  }

  public void setTransport(Transport transport) {
    this.transport = transport;
  }

  public Soap getSoap() {
    return soap;
  }

  public void setSoap(Soap soap) {
    this.soap = soap;
  }

  /** The SOAP border transport ({@code kopir.delivery.soap.*}). */
  public static class Soap {

    /**
     * Path of the border SOAP endpoint on the partner's border port (and on this node's): WSDL
     * {@code docs/wsdl/border.wsdl}.
     */
    private String path = "/border/ws/v1";

    /**
     * The WSDL this node's border SOAP endpoint serves: the packaged copy of {@code
     * docs/wsdl/border.wsdl}, or a path on disk.
     */
    private String wsdl = "classpath:kopir/wsdl/border.wsdl";

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public String getWsdl() {
      return wsdl;
    }

    public void setWsdl(String wsdl) {
      this.wsdl = wsdl;
    }
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
