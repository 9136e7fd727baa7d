package org.kopir.gateway.broker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded Artemis broker's network side and redelivery policy ({@code kopir.broker.*}). With a
 * standalone broker ({@code spring.artemis.mode=native}) these settings are the broker's own
 * configuration instead.
 */
@ConfigurationProperties("kopir.broker")
public class BrokerProperties {

  /** Host the embedded broker's TCP acceptor binds to. */
  private String host = "127.0.0.1";

  /** Port of the embedded broker's TCP acceptor (SPEC §1); 0 disables the acceptor. */
  private int port = 61616;

  private Redelivery redelivery = new Redelivery();

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  public Redelivery getRedelivery() {
    return redelivery;
  }

  public void setRedelivery(Redelivery redelivery) {
    this.redelivery = redelivery;
  }

  /** Broker-side redelivery of outbound messages whose forwarding failed. */
  public static class Redelivery {
    private Duration initialDelay = Duration.ofSeconds(5);
    private double multiplier = 2.0;
    private Duration maxDelay = Duration.ofMinutes(5);
    private int maxAttempts = 300;

    public Duration getInitialDelay() {
      return initialDelay;
    }

    public void setInitialDelay(Duration initialDelay) {
      this.initialDelay = initialDelay;
    }

    public double getMultiplier() {
      return multiplier;
    }

    public void setMultiplier(double multiplier) {
      this.multiplier = multiplier;
    }

    public Duration getMaxDelay() {
      return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
    }

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }
  }
}
