package org.kopir.gateway.pseudonymization;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.node.Partner;
import org.kopir.gateway.node.Partners;

/**
 * Pseudonyms per partnership (SPEC §6): each partner has its own key ring, {@code
 * <kopir.pseudonymization.key-dir>/<partnership id>/<kid>.key} unless {@code
 * kopir.partners.<node>.pseudonym-key-dir} names another directory, with the current kid of the
 * partnership file. The same child and case sent to two partners get unrelated case tokens and link
 * keys, so two partners cannot join their data on this node's pseudonyms. Each partnership's
 * purpose profiles narrow the node's defaults type by type.
 */
public final class PartnerPseudonyms {

  private final Map<String, PseudonymKeyStore> keys = new LinkedHashMap<>();
  private final Map<String, Pseudonymizer> pseudonymizers = new LinkedHashMap<>();
  private final Map<String, PseudonymizationPolicy> policies = new LinkedHashMap<>();

  public PartnerPseudonyms(
      Partners partners, PseudonymizationProperties properties, AuditTrail trail) {
    for (Partner partner : partners.all()) {
      Path dir =
          partner.settings().getPseudonymKeyDir() != null
              ? partner.settings().getPseudonymKeyDir()
              : properties.getKeyDir().resolve(partner.partnership().id());
      PseudonymKeyStore store =
          new PseudonymKeyStore(
              dir, partner.partnership().currentKid(), partner.partnership().id(), trail);
      Pseudonymizer pseudonymizer = new Pseudonymizer(store);
      Map<String, List<String>> profiles = new LinkedHashMap<>(properties.getPurposeProfiles());
      profiles.putAll(partner.partnership().purposeProfiles());
      keys.put(partner.node(), store);
      pseudonymizers.put(partner.node(), pseudonymizer);
      policies.put(partner.node(), new PseudonymizationPolicy(pseudonymizer, properties, profiles));
    }
  }

  /** The pseudonym function of the partnership with {@code partner}. */
  public Pseudonymizer pseudonymizer(String partner) {
    return require(pseudonymizers, partner);
  }

  /** The payload policy (purpose profiles, link keys) of the partnership with {@code partner}. */
  public PseudonymizationPolicy policy(String partner) {
    return require(policies, partner);
  }

  /** The key ring of the partnership with {@code partner}. */
  public PseudonymKeyStore keys(String partner) {
    return require(keys, partner);
  }

  private static <T> T require(Map<String, T> byPartner, String partner) {
    T found = partner == null ? null : byPartner.get(partner);
    if (found == null) {
      throw new KopirException(
          ErrorCode.UNKNOWN_RECIPIENT, "The recipient is not at a partner node.");
    }
    return found;
  }
}
