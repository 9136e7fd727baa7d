package org.kopir.gateway.broker;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.activemq.artemis.core.server.JournalType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded Artemis broker's network side and redelivery policy ({@code kopir.broker.*}). With a
 * standalone broker ({@code spring.artemis.mode=native}) these settings are the broker's own
 * configuration instead.
 */
@ConfigurationProperties("kopir.broker")
@Validated
public class BrokerProperties {

  /** Host the embedded broker's TCP acceptor binds to. */
  private String host = "127.0.0.1";

  /** Port of the embedded broker's TCP acceptor (SPEC §1); 0 disables the acceptor. */
  private int port = 61616;

  /**
   * How long a stopping broker waits for clients to disconnect before it closes their connections.
   * The partner node's JMS border transport keeps a connection for its reply queue, so without a
   * limit a node could wait for its partner to stop first.
   */
  private java.time.Duration gracefulShutdownTimeout = java.time.Duration.ofSeconds(10);

  /**
   * The embedded broker's journal: {@code asyncio} (Linux's native asynchronous I/O, as the
   * standalone broker's {@code etc/broker.xml}) or {@code nio}. Artemis itself falls back to {@code
   * nio} where libaio is missing or the data directory's file system takes no direct I/O, and says
   * so in the log (AMQ222018, AMQ222012). Either way each durable write is synced before it is
   * confirmed.
   */
  private JournalType journalType = JournalType.ASYNCIO;

  /**
   * With {@code asyncio}: how many journal writes may be in flight at once. Each broker reserves
   * that many of the machine's asynchronous I/O events ({@code fs.aio-max-nr}, 65,536 by default)
   * for as long as it runs, so Artemis's own default of 4,096 would allow only 16 brokers on a
   * machine. The journal's timed buffer gathers the writes of about half a millisecond into one, so
   * a node's broker rarely has more than a few in flight.
   */
  private int journalMaxIo = 256;

  /**
   * The broker compacts its journal once it has more than this many data files and they hold less
   * than {@link #journalCompactPercentage} percent of live records (the embedded broker, and a
   * standalone one whose files {@code broker-config} writes). Each referral leaves a persisted
   * duplicate id that stays live, so no journal file empties on its own and every file waits for a
   * compaction, which reads all of them and writes the live records anew. Artemis's default, 10,
   * measured against 4 and 20 (docs/performance.md, "The journal's compaction thresholds").
   */
  @Min(0)
  private int journalCompactMinFiles = 10;

  /** The live share (percent) below which the journal's data files are compacted (Artemis's). */
  @Min(0)
  @Max(100)
  private int journalCompactPercentage = 30;

  /** Redelivery of RETRIEVED receipts to the partner (outbound messages use {@link #retry}). */
  private Redelivery redelivery = new Redelivery();

  /** Retry schedule of outbound messages, one per priority. */
  private Retry retry = new Retry();

  /**
   * Retry schedules for the messages to one partner ({@code kopir.broker.partner-retry.<partner>.
   * <priority>.*}), for example a longer budget for a partner known to have long outages. A
   * partner's schedule of a priority, when given, replaces {@link #retry}'s for that partner; its
   * unset members take the built-in defaults of that priority.
   */
  private Map<String, Map<String, RetryPolicy>> partnerRetry = new LinkedHashMap<>();

  /** The retry schedule of the messages of {@code priority} to {@code partner}. */
  public RetryPolicy retry(String partner, Priority priority) {
    Map<String, RetryPolicy> overrides = partner == null ? null : partnerRetry.get(partner);
    RetryPolicy override = overrides == null ? null : overrides.get(priority.wireName());
    return override != null ? override.withDefaults(Retry.defaults(priority)) : retry.of(priority);
  }

  public Map<String, Map<String, RetryPolicy>> getPartnerRetry() {
    return partnerRetry;
  }

  public void setPartnerRetry(Map<String, Map<String, RetryPolicy>> partnerRetry) {
    this.partnerRetry = partnerRetry;
  }

  public JournalType getJournalType() {
    return journalType;
  }

  public void setJournalType(JournalType journalType) {
    this.journalType = journalType;
  }

  public int getJournalMaxIo() {
    return journalMaxIo;
  }

  public void setJournalMaxIo(int journalMaxIo) {
    this.journalMaxIo = journalMaxIo;
  }

  public int getJournalCompactMinFiles() {
    return journalCompactMinFiles;
  }

  public void setJournalCompactMinFiles(int journalCompactMinFiles) {
    this.journalCompactMinFiles = journalCompactMinFiles;
  }

  public int getJournalCompactPercentage() {
    return journalCompactPercentage;
  }

  public void setJournalCompactPercentage(int journalCompactPercentage) {
    this.journalCompactPercentage = journalCompactPercentage;
  }

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

  public java.time.Duration getGracefulShutdownTimeout() {
    return gracefulShutdownTimeout;
  }

  public void setGracefulShutdownTimeout(java.time.Duration gracefulShutdownTimeout) {
    this.gracefulShutdownTimeout = gracefulShutdownTimeout;
  }

  public Redelivery getRedelivery() {
    return redelivery;
  }

  public void setRedelivery(Redelivery redelivery) {
    this.redelivery = redelivery;
  }

  public Retry getRetry() {
    return retry;
  }

  public void setRetry(Retry retry) {
    this.retry = retry;
  }

  /** The outbound retry schedules ({@code kopir.broker.retry.high|normal|low.*}). */
  public static class Retry {
    private RetryPolicy high = defaults(Priority.HIGH);
    private RetryPolicy normal = defaults(Priority.NORMAL);
    private RetryPolicy low = defaults(Priority.LOW);

    /** The built-in schedule of {@code priority} (docs/delivery.md). */
    static RetryPolicy defaults(Priority priority) {
      return switch (priority) {
        case HIGH ->
            new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(24));
        case NORMAL ->
            new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(72));
        case LOW -> new RetryPolicy(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(7));
      };
    }

    public RetryPolicy of(Priority priority) {
      return switch (priority) {
        case HIGH -> high;
        case NORMAL -> normal;
        case LOW -> low;
      };
    }

    public RetryPolicy getHigh() {
      return high;
    }

    public void setHigh(RetryPolicy high) {
      this.high = high;
    }

    public RetryPolicy getNormal() {
      return normal;
    }

    public void setNormal(RetryPolicy normal) {
      this.normal = normal;
    }

    public RetryPolicy getLow() {
      return low;
    }

    public void setLow(RetryPolicy low) {
      this.low = low;
    }
  }

  /** Broker-side redelivery of RETRIEVED receipts whose forwarding failed. */
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
