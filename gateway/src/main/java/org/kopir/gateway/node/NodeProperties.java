package org.kopir.gateway.node;

import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who this node is: its id and country, its local agencies, its partner node, its ports and data
 * directory. Bound from {@code kopir.*}; the per-node defaults live in {@code routes/config/}.
 */
@Validated
@ConfigurationProperties("kopir")
public class NodeProperties {

  /** This node's id: {@code kz} or {@code kg}. */
  @NotBlank private String node;

  /** ISO 3166 alpha-2 country code of this node, upper case. */
  @NotBlank private String country;

  /** Where this node keeps its journal, database and checkpoints. */
  private Path dataDir;

  /** Local agencies by id. */
  private Map<String, Agency> agencies = new LinkedHashMap<>();

  private Partner partner = new Partner();

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

  public Partner getPartner() {
    return partner;
  }

  public void setPartner(Partner partner) {
    this.partner = partner;
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

  /** The partner node across the border. */
  public static class Partner {
    @NotBlank private String node;
    @NotBlank private String country;

    /** Base URL of the partner's border API, e.g. {@code https://kg.example:9444}. */
    @NotBlank private String borderUrl;

    /** Agency ids known at the partner node: the only valid recipients. */
    private List<String> agencies = List.of();

    public boolean isPartnerAgency(String agencyId) {
      return agencyId != null && agencies.contains(agencyId);
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

    public String getBorderUrl() {
      return borderUrl;
    }

    public void setBorderUrl(String borderUrl) {
      this.borderUrl = borderUrl;
    }

    public List<String> getAgencies() {
      return agencies;
    }

    public void setAgencies(List<String> agencies) {
      this.agencies = agencies;
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
