package org.kopir.gateway.node;

import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who this node is: its id and country, its local agencies, its partner nodes, its ports and data
 * directory. Bound from {@code kopir.*}; the per-node defaults live in {@code routes/config/}.
 */
@Validated
@ConfigurationProperties("kopir")
public class NodeProperties {

  /** This node's id, e.g. {@code kz}: lower case, the first part of its queue and user names. */
  @NotBlank private String node;

  /** ISO 3166 alpha-2 country code of this node, upper case. */
  @NotBlank private String country;

  /** Where this node keeps its journal, database and checkpoints. */
  private Path dataDir;

  /** Local agencies by id. */
  private Map<String, Agency> agencies = new LinkedHashMap<>();

  /** Partner nodes by node id; a node without an entry here is not a partner (any more). */
  private Map<String, PartnerSettings> partners = new LinkedHashMap<>();

  private Ports ports = new Ports();

  public boolean isLocalAgency(String agencyId) {
    return agencyId != null && agencies.containsKey(agencyId);
  }

  public String getNode() {
    return node;
  }

  public void setNode(String node) {
    this.node = node;
  }

  public String getCountry() {
    return country;
  }

  public void setCountry(String country) {
    this.country = country;
  }

  public Path getDataDir() {
    return dataDir;
  }

  public void setDataDir(Path dataDir) {
    this.dataDir = dataDir;
  }

  public Map<String, Agency> getAgencies() {
    return agencies;
  }

  public void setAgencies(Map<String, Agency> agencies) {
    this.agencies = agencies;
  }

  public Map<String, PartnerSettings> getPartners() {
    return partners;
  }

  public void setPartners(Map<String, PartnerSettings> partners) {
    this.partners = partners;
  }

  /** The partner entries not disabled ({@code enabled: false}), in configuration order. */
  public Map<String, PartnerSettings> activePartners() {
    Map<String, PartnerSettings> active = new LinkedHashMap<>();
    partners.forEach(
        (id, settings) -> {
          if (settings.isEnabled()) {
            active.put(id, settings);
          }
        });
    return active;
  }

  public Ports getPorts() {
    return ports;
  }

  public void setPorts(Ports ports) {
    this.ports = ports;
  }

  /** A local agency and how its inbox is served. */
  public static class Agency {
    /** Human-readable name, for operators. */
    private String name;

    /** {@code end-to-end} or {@code reveal-at-delivery} (SPEC §4). */
    private String deliveryMode = "end-to-end";

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getDeliveryMode() {
      return deliveryMode;
    }

    public void setDeliveryMode(String deliveryMode) {
      this.deliveryMode = deliveryMode;
    }
  }

  /**
   * How this node reaches one partner node ({@code kopir.partners.<node id>.*}). What both sides of
   * the partnership must agree on (countries, agencies, pseudonym key, purpose profiles) is not
   * here but in the partnership's file ({@link Partnership}).
   */
  public static class PartnerSettings {

    /**
     * {@code false} takes the partner out without deleting its settings: as if its entry were
     * removed (no routes, no trust, no broker account; its queued messages wait).
     */
    private boolean enabled = true;

    /**
     * Base URL of the partner's border API, e.g. {@code https://kg.example:9444}; required unless
     * the partner is disabled.
     */
    private String borderUrl;

    /**
     * {@code https}, {@code soap} or {@code jms}, in lower case; unset: {@code
     * kopir.delivery.transport}.
     */
    private String transport;

    /**
     * The partner CA certificates messages, receipts and border connections are checked against:
     * more than one while the partner's CA rolls over (default {@code <certs-dir>/<node>/ca.crt}).
     */
    private List<Path> trustAnchors = List.of();

    /**
     * The CRLs of the trust anchors, one per anchor, each matched to the anchor that signed it
     * (default {@code <certs-dir>/<node>/crl.pem}); a missing or outdated CRL fails verification.
     */
    private List<Path> crls = List.of();

    /**
     * Encryption certificates of the partner's agencies, as {@code <agency>-encryption.crt}
     * (default {@code <certs-dir>/<node>/agencies}).
     */
    private Path agencyCertificatesDir;

    /**
     * This partnership's pseudonym keys (default {@code
     * <kopir.pseudonymization.key-dir>/<partnership id>}).
     */
    private Path pseudonymKeyDir;

    private Jms jms = new Jms();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getBorderUrl() {
      return borderUrl;
    }

    public void setBorderUrl(String borderUrl) {
      this.borderUrl = borderUrl;
    }

    public String getTransport() {
      return transport;
    }

    public void setTransport(String transport) {
      this.transport = transport;
    }

    public List<Path> getTrustAnchors() {
      return trustAnchors;
    }

    public void setTrustAnchors(List<Path> trustAnchors) {
      this.trustAnchors = trustAnchors;
    }

    public List<Path> getCrls() {
      return crls;
    }

    public void setCrls(List<Path> crls) {
      this.crls = crls;
    }

    public Path getAgencyCertificatesDir() {
      return agencyCertificatesDir;
    }

    public void setAgencyCertificatesDir(Path agencyCertificatesDir) {
      this.agencyCertificatesDir = agencyCertificatesDir;
    }

    public Path getPseudonymKeyDir() {
      return pseudonymKeyDir;
    }

    public void setPseudonymKeyDir(Path pseudonymKeyDir) {
      this.pseudonymKeyDir = pseudonymKeyDir;
    }

    public Jms getJms() {
      return jms;
    }

    public void setJms(Jms jms) {
      this.jms = jms;
    }
  }

  /** The JMS border transport to one partner ({@code kopir.partners.<node id>.jms.*}). */
  public static class Jms {

    /** The partner's broker, e.g. {@code tcp://partner-host:61616}; required for transport jms. */
    private String brokerUrl;

    /** This node's user at the partner's broker; defaults to {@code <this node>-node}. */
    private String user;

    /** This node's password at the partner's broker. */
    private String password;

    /**
     * The partner node's password at this node's broker ({@code {noop}...} or {@code {bcrypt}...});
     * the partner logs in as {@code <partner node>-node}. Unset: the partner cannot log in.
     */
    private String partnerPassword;

    public boolean isConfigured() {
      return brokerUrl != null && !brokerUrl.isBlank();
    }

    public String getBrokerUrl() {
      return brokerUrl;
    }

    public void setBrokerUrl(String brokerUrl) {
      this.brokerUrl = brokerUrl;
    }

    public String getUser() {
      return user;
    }

    public void setUser(String user) {
      this.user = user;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public String getPartnerPassword() {
      return partnerPassword;
    }

    public void setPartnerPassword(String partnerPassword) {
      this.partnerPassword = partnerPassword;
    }
  }

  /** Listening ports (SPEC §1). The local API is Spring's {@code server.port}. */
  public static class Ports {
    private int local = 8443;
    private int border = 8444;

    public int getLocal() {
      return local;
    }

    public void setLocal(int local) {
      this.local = local;
    }

    public int getBorder() {
      return border;
    }

    public void setBorder(int border) {
      this.border = border;
    }
  }
}
