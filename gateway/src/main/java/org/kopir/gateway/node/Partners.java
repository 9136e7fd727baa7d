package org.kopir.gateway.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * This node's partners: every {@code kopir.partners.<id>} entry joined with its partnership file.
 * Built once at start-up, which it refuses when a partnership file is missing or disagrees with
 * this node's own configuration (its country, its agencies) or when two partners claim one country,
 * listing every problem by setting or file name.
 */
@Component
public class Partners {

  private static final Logger LOG = LoggerFactory.getLogger(Partners.class);
  private static final Set<String> TRANSPORTS = Set.of("https", "soap", "jms");

  private final Map<String, Partner> byNode;
  private final Map<String, Partner> byCountry = new LinkedHashMap<>();

  @Autowired
  public Partners(NodeProperties node, Environment environment) {
    this(
        node,
        Path.of(environment.getProperty("kopir.config-dir", "routes/config")),
        environment.getProperty("kopir.delivery.transport", "https"));
  }

  /**
   * Partners already read and checked elsewhere (tools, tests): no partnership file is read.
   *
   * @throws IllegalArgumentException if two partners share a node id or a country
   */
  public static Partners of(Collection<Partner> partners) {
    return new Partners(partners);
  }

  private Partners(Collection<Partner> partners) {
    LinkedHashMap<String, Partner> nodes = new LinkedHashMap<>();
    for (Partner partner : partners) {
      if (nodes.putIfAbsent(partner.node(), partner) != null
          || byCountry.putIfAbsent(partner.country(), partner) != null) {
        throw new IllegalArgumentException("partner " + partner.node() + " given twice");
      }
    }
    this.byNode = java.util.Collections.unmodifiableMap(nodes);
  }

  public Partners(NodeProperties node, Path configDir, String defaultTransport) {
    List<String> problems = new ArrayList<>();
    Map<String, Partner> partners = new LinkedHashMap<>();
    String ownCountry = node.getCountry().toUpperCase(Locale.ROOT);
    node.activePartners()
        .forEach(
            (id, settings) -> {
              Partner partner =
                  partner(node, ownCountry, configDir, defaultTransport, id, settings, problems);
              if (partner == null) {
                return;
              }
              if (partner.country().equals(ownCountry)) {
                problems.add(
                    "kopir.partners."
                        + id
                        + ": country "
                        + partner.country()
                        + " is this node's own");
              }
              Partner other = byCountry.putIfAbsent(partner.country(), partner);
              if (other != null) {
                problems.add(
                    "kopir.partners."
                        + id
                        + ": country "
                        + partner.country()
                        + " is already partner "
                        + other.node()
                        + "'s");
              }
              for (String agency : partner.agencies()) {
                partners.values().stream()
                    .filter(known -> known.isAgency(agency))
                    .forEach(
                        known ->
                            problems.add(
                                "agency "
                                    + agency
                                    + " is listed for both partners "
                                    + known.node()
                                    + " and "
                                    + id));
                if (node.isLocalAgency(agency)) {
                  problems.add("agency " + agency + " of partner " + id + " is a local agency");
                }
              }
              partners.put(id, partner);
            });
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "The partner configuration is inconsistent:\n  - " + String.join("\n  - ", problems));
    }
    this.byNode = java.util.Collections.unmodifiableMap(partners);
    partners
        .values()
        .forEach(
            p ->
                LOG.info(
                    "Partner {} ({}) over {}, partnership {} sha256 {}",
                    p.node(),
                    p.country(),
                    p.transport(),
                    p.partnership().id(),
                    p.partnership().digest()));
  }

  private static Partner partner(
      NodeProperties node,
      String ownCountry,
      Path configDir,
      String defaultTransport,
      String id,
      NodeProperties.PartnerSettings settings,
      List<String> problems) {
    String prefix = "kopir.partners." + id;
    if (id.equals(node.getNode())) {
      problems.add(prefix + ": this node cannot be its own partner");
      return null;
    }
    if (settings.getBorderUrl() == null || settings.getBorderUrl().isBlank()) {
      problems.add(prefix + ".border-url is missing");
    }
    String transport = settings.getTransport() != null ? settings.getTransport() : defaultTransport;
    if (!TRANSPORTS.contains(transport)) {
      problems.add(
          prefix + ".transport must be https, soap or jms in lower case, not " + transport);
    }
    Path file = Partnership.file(configDir, node.getNode(), id);
    if (!Files.isRegularFile(file)) {
      problems.add(prefix + ": no partnership file " + file);
      return null;
    }
    Partnership partnership = Partnership.read(file);
    Partnership.Side own = partnership.nodes().get(node.getNode());
    Partnership.Side theirs = partnership.nodes().get(id);
    if (own == null || theirs == null || partnership.nodes().size() != 2) {
      problems.add(file + " must name exactly the nodes " + node.getNode() + " and " + id);
      return null;
    }
    if (!own.country().toUpperCase(Locale.ROOT).equals(ownCountry)) {
      problems.add(
          file
              + ": this node's country is "
              + own.country()
              + " there but "
              + ownCountry
              + " in kopir.country");
    }
    Set<String> fileAgencies = new TreeSet<>(own.agencies());
    Set<String> localAgencies = new TreeSet<>(node.getAgencies().keySet());
    if (!fileAgencies.equals(localAgencies)) {
      problems.add(
          file
              + ": this node's agencies are "
              + fileAgencies
              + " there but "
              + localAgencies
              + " in kopir.agencies");
    }
    if (theirs.country().isBlank() || theirs.agencies().isEmpty()) {
      problems.add(file + ": partner " + id + " needs a country and at least one agency");
      return null;
    }
    return new Partner(id, theirs.country(), theirs.agencies(), transport, settings, partnership);
  }

  /** Every partner, in configuration order. */
  public Collection<Partner> all() {
    return byNode.values();
  }

  /** The partner node {@code node}, if it is one. */
  public Optional<Partner> node(String node) {
    return Optional.ofNullable(node == null ? null : byNode.get(node));
  }

  /** The partner in {@code country} (ISO alpha-2, any case), if there is one. */
  public Optional<Partner> country(String country) {
    return Optional.ofNullable(
        country == null ? null : byCountry.get(country.toUpperCase(Locale.ROOT)));
  }

  /** The partner that serves {@code agency} in {@code country}, if any. */
  public Optional<Partner> recipient(String country, String agency) {
    return country(country).filter(partner -> partner.isAgency(agency));
  }

  /** The partner whose agency {@code agency} is (agency ids are unique across partners). */
  public Optional<Partner> agency(String agency) {
    return byNode.values().stream().filter(partner -> partner.isAgency(agency)).findFirst();
  }

  /**
   * The partner node {@code node}.
   *
   * @throws IllegalArgumentException if it is not a partner of this node
   */
  public Partner require(String node) {
    return node(node)
        .orElseThrow(() -> new IllegalArgumentException("not a partner of this node: " + node));
  }
}
