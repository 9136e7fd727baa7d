package org.kopir.gateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kopir.gateway.crypto.DevPki;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.node.Partner;
import org.kopir.gateway.node.Partners;
import org.kopir.gateway.node.Partnership;

/**
 * Node configurations and partners of the development nodes (kz, kg, tj) as the repository
 * configures them: every other development node is a partner, with the partnership files of {@code
 * routes/config/partnerships}.
 */
public final class TestPartners {

  private TestPartners() {}

  /** The repository's {@code routes/config}, from the module or the repository root. */
  public static Path configDir() {
    for (Path candidate : List.of(Path.of("../routes/config"), Path.of("routes/config"))) {
      if (Files.isDirectory(candidate.resolve(Partnership.DIRECTORY))) {
        return candidate;
      }
    }
    throw new IllegalStateException("routes/config not found from " + Path.of("").toAbsolutePath());
  }

  /**
   * A copy of the repository's {@code routes/config} in {@code target} (created), for a test that
   * changes a partnership file as an operator would, e.g. its current kid.
   */
  public static Path copyConfig(Path target) {
    copyTree(configDir(), target);
    return target;
  }

  /** Copies directory {@code source} with everything in it to {@code target}. */
  public static void copyTree(Path source, Path target) {
    try (var files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sets {@code pseudonym-keys.current-kid} in partnership {@code partnership}'s file (e.g. {@code
   * kg-kz}) under {@code configDir}, as step 4 of the rotation procedure does (docs/privacy.md §4).
   */
  public static void setCurrentKid(Path configDir, String partnership, String kid) {
    Path file = configDir.resolve(Partnership.DIRECTORY).resolve(partnership + ".yml");
    try {
      String text = Files.readString(file);
      String changed = text.replaceFirst("(?m)^(\\s*current-kid:).*$", "$1 " + kid);
      if (changed.equals(text) && !text.contains("current-kid: " + kid)) {
        throw new IllegalStateException(file + " has no current-kid line");
      }
      Files.writeString(file, changed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Development node {@code node} with its agencies and every other development node as partner.
   */
  public static NodeProperties node(String node) {
    NodeProperties properties = new NodeProperties();
    Map<String, NodeProperties.PartnerSettings> partners = new LinkedHashMap<>();
    for (DevPki.NodeSpec spec : DevPki.DEMO) {
      if (spec.node().equals(node)) {
        properties.setNode(node);
        properties.setCountry(spec.country());
        Map<String, NodeProperties.Agency> agencies = new LinkedHashMap<>();
        for (String agency : spec.agencies()) {
          NodeProperties.Agency settings = new NodeProperties.Agency();
          settings.setName(agency);
          settings.setDeliveryMode(
              agency.endsWith("-cpc") || agency.endsWith("-cpd")
                  ? "reveal-at-delivery"
                  : "end-to-end");
          agencies.put(agency, settings);
        }
        properties.setAgencies(agencies);
      } else {
        NodeProperties.PartnerSettings settings = new NodeProperties.PartnerSettings();
        settings.setBorderUrl("https://127.0.0.1:1");
        partners.put(spec.node(), settings);
      }
    }
    properties.setPartners(partners);
    return properties;
  }

  /** The partners of {@code node}, read from the repository's partnership files. */
  public static Partners partners(NodeProperties node) {
    return new Partners(node, configDir(), "https");
  }

  /** One partner made up for a test, without a partnership file. */
  public static Partner partner(
      String ownNode, String node, String country, List<String> agencies, String borderUrl) {
    NodeProperties.PartnerSettings settings = new NodeProperties.PartnerSettings();
    settings.setBorderUrl(borderUrl);
    Partnership partnership =
        new Partnership(
            Partnership.idOf(ownNode, node),
            "0".repeat(64),
            Map.of(node, new Partnership.Side(country, agencies)),
            "k1",
            Map.of());
    return new Partner(node, country, agencies, "https", settings, partnership);
  }
}
