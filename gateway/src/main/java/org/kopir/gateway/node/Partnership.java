package org.kopir.gateway.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * One partnership file, {@code <config-dir>/partnerships/<a>-<b>.yml}: what both nodes of a
 * partnership must agree on, kept byte for byte identical at both (compare {@link #digest()}).
 *
 * @param id the two node ids, sorted, joined by {@code -}
 * @param digest SHA-256 of the file, lower-case hex
 * @param nodes both nodes' country and agencies
 * @param currentKid the pseudonym key new pseudonyms of this partnership are made with
 * @param purposeProfiles per message type, the payload fields its purpose needs (may be empty)
 */
public record Partnership(
    String id,
    String digest,
    Map<String, Side> nodes,
    String currentKid,
    Map<String, List<String>> purposeProfiles) {

  /** Where partnership files live under the configuration directory. */
  public static final String DIRECTORY = "partnerships";

  /** One node of the partnership as both sides know it. */
  public record Side(String country, List<String> agencies) {}

  /** The id of the partnership of nodes {@code a} and {@code b}: both ids sorted, joined by '-'. */
  public static String idOf(String a, String b) {
    return Stream.of(a, b).sorted().reduce((x, y) -> x + "-" + y).orElseThrow();
  }

  /** The file of the partnership of {@code a} and {@code b} under {@code configDir}. */
  public static Path file(Path configDir, String a, String b) {
    return configDir.resolve(DIRECTORY).resolve(idOf(a, b) + ".yml");
  }

  /**
   * Reads a partnership file.
   *
   * @throws IllegalStateException if it cannot be read or lacks the {@code partnership} section
   */
  public static Partnership read(Path file) {
    String name = file.getFileName().toString();
    String id = name.endsWith(".yml") ? name.substring(0, name.length() - 4) : name;
    try {
      byte[] bytes = Files.readAllBytes(file);
      List<PropertySource<?>> sources =
          new YamlPropertySourceLoader().load(id, new FileSystemResource(file));
      Binder binder = new Binder(ConfigurationPropertySources.from(sources));
      FileSettings settings =
          binder
              .bind("partnership", Bindable.of(FileSettings.class))
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "partnership file " + file + " has no partnership section"));
      Map<String, Side> nodes = new LinkedHashMap<>();
      settings
          .getNodes()
          .forEach(
              (node, side) ->
                  nodes.put(
                      node,
                      new Side(
                          side.getCountry() == null ? "" : side.getCountry(),
                          List.copyOf(side.getAgencies()))));
      return new Partnership(
          id,
          sha256(bytes),
          Map.copyOf(nodes),
          settings.getPseudonymKeys().getCurrentKid(),
          Map.copyOf(settings.getPurposeProfiles()));
    } catch (IOException e) {
      throw new IllegalStateException("partnership file " + file + " cannot be read", e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The file's {@code partnership} section as bound. */
  public static class FileSettings {
    private Map<String, SideSettings> nodes = new LinkedHashMap<>();
    private PseudonymKeys pseudonymKeys = new PseudonymKeys();
    private Map<String, List<String>> purposeProfiles = new LinkedHashMap<>();

    public Map<String, SideSettings> getNodes() {
      return nodes;
    }

    public void setNodes(Map<String, SideSettings> nodes) {
      this.nodes = nodes;
    }

    public PseudonymKeys getPseudonymKeys() {
      return pseudonymKeys;
    }

    public void setPseudonymKeys(PseudonymKeys pseudonymKeys) {
      this.pseudonymKeys = pseudonymKeys;
    }

    public Map<String, List<String>> getPurposeProfiles() {
      return purposeProfiles;
    }

    public void setPurposeProfiles(Map<String, List<String>> purposeProfiles) {
      this.purposeProfiles = purposeProfiles;
    }
  }

  /** {@code partnership.nodes.<id>}. */
  public static class SideSettings {
    private String country;
    private List<String> agencies = List.of();

    public String getCountry() {
      return country;
    }

    public void setCountry(String country) {
      this.country = country;
    }

    public List<String> getAgencies() {
      return agencies;
    }

    public void setAgencies(List<String> agencies) {
      this.agencies = agencies;
    }
  }

  /** {@code partnership.pseudonym-keys}. */
  public static class PseudonymKeys {
    private String currentKid = "k1";

    public String getCurrentKid() {
      return currentKid;
    }

    public void setCurrentKid(String currentKid) {
      this.currentKid = currentKid;
    }
  }
}
