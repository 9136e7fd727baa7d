package org.kopir.gateway.pseudonymization;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Pseudonymization settings ({@code kopir.pseudonymization.*}). Message types contain a dot, so in
 * YAML their map keys are written in brackets: {@code "[referral.request]"}.
 */
@ConfigurationProperties("kopir.pseudonymization")
public class PseudonymizationProperties {

  /**
   * Root of the partnerships' key directories: partnership {@code <a>-<b>} keeps its {@code
   * <kid>.key} files, each 64 hex characters, in {@code <key-dir>/<a>-<b>/}; its current kid is in
   * its partnership file.
   */
  private Path keyDir = Path.of("certs-dev/pseudonym-keys");

  /**
   * Where the child's identifying fields sit, per message type. A type without an entry uses the
   * defaults of {@link LinkKeyPointers}.
   */
  private Map<String, LinkKeyPointers> linkKeys = new LinkedHashMap<>();

  /**
   * Per message type, the payload fields (JSON pointers, usually top-level) the purpose needs. A
   * present field outside the list is refused. A type without an entry allows every schema field.
   */
  private Map<String, List<String>> purposeProfiles = new LinkedHashMap<>();

  public LinkKeyPointers linkKeysFor(String messageType) {
    return linkKeys.getOrDefault(messageType, new LinkKeyPointers());
  }

  public Path getKeyDir() {
    return keyDir;
  }

  public void setKeyDir(Path keyDir) {
    this.keyDir = keyDir;
  }

  public Map<String, LinkKeyPointers> getLinkKeys() {
    return linkKeys;
  }

  public void setLinkKeys(Map<String, LinkKeyPointers> linkKeys) {
    this.linkKeys = linkKeys;
  }

  public Map<String, List<String>> getPurposeProfiles() {
    return purposeProfiles;
  }

  public void setPurposeProfiles(Map<String, List<String>> purposeProfiles) {
    this.purposeProfiles = purposeProfiles;
  }

  /** JSON pointers (RFC 6901, relative to the payload) to the fields link keys are made from. */
  public static class LinkKeyPointers {

    /** An array of national-id objects, or a single one. */
    private String nationalIds = "/child/nationalIds";

    /** Member of a national-id object holding the issuing country (ISO alpha-2). */
    private String nationalIdCountry = "issuingCountry";

    /** Member of a national-id object holding the id itself. */
    private String nationalIdNumber = "number";

    /**
     * An array of name objects (one per script); each gives an {@code ndb} key, so that a child
     * written in several scripts links from any of them. Empty to use the single-name pointers.
     */
    private String names = "/child/names";

    /** Members of a name object in {@link #names}. */
    private String givenMember = "given";

    private String familyMember = "family";

    private String givenName = "/child/name/given";
    private String familyName = "/child/name/family";

    /** Full date {@code YYYY-MM-DD}; a partial date gives no {@code ndb} key. */
    private String dateOfBirth = "/child/dateOfBirth";

    private String sex = "/child/sex";

    public String getNames() {
      return names;
    }

    public void setNames(String names) {
      this.names = names;
    }

    public String getGivenMember() {
      return givenMember;
    }

    public void setGivenMember(String givenMember) {
      this.givenMember = givenMember;
    }

    public String getFamilyMember() {
      return familyMember;
    }

    public void setFamilyMember(String familyMember) {
      this.familyMember = familyMember;
    }

    public String getNationalIds() {
      return nationalIds;
    }

    public void setNationalIds(String nationalIds) {
      this.nationalIds = nationalIds;
    }

    public String getNationalIdCountry() {
      return nationalIdCountry;
    }

    public void setNationalIdCountry(String nationalIdCountry) {
      this.nationalIdCountry = nationalIdCountry;
    }

    public String getNationalIdNumber() {
      return nationalIdNumber;
    }

    public void setNationalIdNumber(String nationalIdNumber) {
      this.nationalIdNumber = nationalIdNumber;
    }

    public String getGivenName() {
      return givenName;
    }

    public void setGivenName(String givenName) {
      this.givenName = givenName;
    }

    public String getFamilyName() {
      return familyName;
    }

    public void setFamilyName(String familyName) {
      this.familyName = familyName;
    }

    public String getDateOfBirth() {
      return dateOfBirth;
    }

    public void setDateOfBirth(String dateOfBirth) {
      this.dateOfBirth = dateOfBirth;
    }

    public String getSex() {
      return sex;
    }

    public void setSex(String sex) {
      this.sex = sex;
    }
  }
}
