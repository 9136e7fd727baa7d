package org.kopir.gateway.channels;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kopir.gateway.broker.BrokerProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Agency channels besides REST ({@code kopir.channels.*}). */
@ConfigurationProperties("kopir.channels")
public class ChannelsProperties {

  private Soap soap = new Soap();
  private Jms jms = new Jms();

  /** Push delivery per recipient agency id; agencies not listed pull over REST or JMS. */
  private Map<String, PushTarget> push = new LinkedHashMap<>();

  /** Broker redelivery of a failed push: exponential backoff, then the push dead-letter queue. */
  private BrokerProperties.Redelivery pushRetry = new BrokerProperties.Redelivery();

  public Soap getSoap() {
    return soap;
  }

  public void setSoap(Soap soap) {
    this.soap = soap;
  }

  public Jms getJms() {
    return jms;
  }

  public void setJms(Jms jms) {
    this.jms = jms;
  }

  public Map<String, PushTarget> getPush() {
    return push;
  }

  public void setPush(Map<String, PushTarget> push) {
    this.push = push;
  }

  public BrokerProperties.Redelivery getPushRetry() {
    return pushRetry;
  }

  public void setPushRetry(BrokerProperties.Redelivery pushRetry) {
    this.pushRetry = pushRetry;
  }

  public boolean isPushed(String agency) {
    return agency != null && push.containsKey(agency);
  }

  /** SOAP intake at {@code <servlet-path>/exchange} and its XML parser limits. */
  public static class Soap {
    /** Where the CXF servlet is mounted; it serves nothing else. */
    private String servletPath = "/ws";

    /**
     * The WSDL served and implemented: the copy of {@code docs/wsdl/exchange.wsdl} packaged in the
     * jar, or a path on disk ({@code file:} or no prefix, relative to the working directory).
     */
    private String wsdl = "classpath:kopir/wsdl/exchange.wsdl";

    private int maxElementDepth = 16;
    private int maxChildElements = 64;
    private long maxElementCount = 2_000;
    private int maxAttributeCount = 16;

    /** Characters in one text node: an envelope of 1 MiB plus room for escaping. */
    private int maxTextLength = 1_100_000;

    private long maxXmlCharacters = 1_200_000;

    public String getServletPath() {
      return servletPath;
    }

    public void setServletPath(String servletPath) {
      this.servletPath = servletPath;
    }

    public String getWsdl() {
      return wsdl;
    }

    public void setWsdl(String wsdl) {
      this.wsdl = wsdl;
    }

    public int getMaxElementDepth() {
      return maxElementDepth;
    }

    public void setMaxElementDepth(int maxElementDepth) {
      this.maxElementDepth = maxElementDepth;
    }

    public int getMaxChildElements() {
      return maxChildElements;
    }

    public void setMaxChildElements(int maxChildElements) {
      this.maxChildElements = maxChildElements;
    }

    public long getMaxElementCount() {
      return maxElementCount;
    }

    public void setMaxElementCount(long maxElementCount) {
      this.maxElementCount = maxElementCount;
    }

    public int getMaxAttributeCount() {
      return maxAttributeCount;
    }

    public void setMaxAttributeCount(int maxAttributeCount) {
      this.maxAttributeCount = maxAttributeCount;
    }

    public int getMaxTextLength() {
      return maxTextLength;
    }

    public void setMaxTextLength(int maxTextLength) {
      this.maxTextLength = maxTextLength;
    }

    public long getMaxXmlCharacters() {
      return maxXmlCharacters;
    }

    public void setMaxXmlCharacters(long maxXmlCharacters) {
      this.maxXmlCharacters = maxXmlCharacters;
    }
  }

  /** JMS intake on {@code agency.<agency>.outbox} and the embedded broker's agency users. */
  public static class Jms {
    /** Starts one intake route per local agency. */
    private boolean intakeEnabled = true;

    /** Whether agencies must authenticate on the embedded broker and stay on their queues. */
    private boolean securityEnabled = true;

    /**
     * Development only: an agency without an entry in {@link #users} authenticates with the
     * password {@code <agency><suffix>}. Empty disables derived passwords.
     */
    private String devPasswordSuffix = "";

    /**
     * Broker passwords by agency id, in Spring Security form ({@code {bcrypt}...}, {@code
     * {noop}...}).
     */
    private Map<String, String> users = new LinkedHashMap<>();

    /** How long an unread status notification stays on the agency inbox. */
    private Duration notificationTtl = Duration.ofDays(7);

    public boolean isIntakeEnabled() {
      return intakeEnabled;
    }

    public void setIntakeEnabled(boolean intakeEnabled) {
      this.intakeEnabled = intakeEnabled;
    }

    public boolean isSecurityEnabled() {
      return securityEnabled;
    }

    public void setSecurityEnabled(boolean securityEnabled) {
      this.securityEnabled = securityEnabled;
    }

    public String getDevPasswordSuffix() {
      return devPasswordSuffix;
    }

    public void setDevPasswordSuffix(String devPasswordSuffix) {
      this.devPasswordSuffix = devPasswordSuffix;
    }

    public Map<String, String> getUsers() {
      return users;
    }

    public void setUsers(Map<String, String> users) {
      this.users = users;
    }

    public Duration getNotificationTtl() {
      return notificationTtl;
    }

    public void setNotificationTtl(Duration notificationTtl) {
      this.notificationTtl = notificationTtl;
    }
  }

  /** Where and how one agency's inbox is pushed. */
  public static class PushTarget {
    private PushType type = PushType.WEBHOOK;
    private String url;
    private Duration timeout = Duration.ofSeconds(10);

    public PushType getType() {
      return type;
    }

    public void setType(PushType type) {
      this.type = type;
    }

    public String getUrl() {
      return url;
    }

    public void setUrl(String url) {
      this.url = url;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /**
   * {@code webhook}: POST of the inbox item JSON; {@code soap}: DeliverMessage of
   * agency-inbox.wsdl.
   */
  public enum PushType {
    WEBHOOK,
    SOAP
  }
}
