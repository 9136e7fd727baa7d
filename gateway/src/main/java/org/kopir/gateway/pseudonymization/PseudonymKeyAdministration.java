package org.kopir.gateway.pseudonymization;

import java.nio.file.Path;
import java.util.List;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.node.Partner;
import org.kopir.gateway.node.Partners;
import org.kopir.gateway.node.Partnership;

/**
 * What an operator does with a partnership's pseudonym keys without a restart (docs/privacy.md §4):
 * look at the kids, reload the key directory, make another kid current, destroy a kid after the
 * overlap. The partnership file's {@code pseudonym-keys.current-kid} is what a restart uses, so it
 * is read again on each call and shown beside the kid in use; a kid it still names is never
 * destroyed, so a restart cannot be left without its current key.
 */
public final class PseudonymKeyAdministration {

  private final PartnerPseudonyms pseudonyms;
  private final Partners partners;
  private final Path configDir;
  private final String ownNode;

  /**
   * @param configDir the node's configuration directory, which holds {@code partnerships/}
   * @param ownNode this node's id
   */
  public PseudonymKeyAdministration(
      PartnerPseudonyms pseudonyms, Partners partners, Path configDir, String ownNode) {
    this.pseudonyms = pseudonyms;
    this.partners = partners;
    this.configDir = configDir;
    this.ownNode = ownNode;
  }

  /**
   * One partnership's key ring as the API shows it: kids only, never key material.
   *
   * @param partner the partner node
   * @param partnership the partnership id, e.g. {@code kg-kz}
   * @param currentKid the kid new pseudonyms are made with now
   * @param kids every kid link keys are computed under, in natural order
   * @param partnershipFileKid the kid the partnership file names now (what a restart would use), or
   *     null when the file cannot be read
   * @param restartKeepsCurrentKid whether the partnership file names the kid in use
   */
  public record KeyRingState(
      String partner,
      String partnership,
      String currentKid,
      List<String> kids,
      String partnershipFileKid,
      boolean restartKeepsCurrentKid) {

    KeyRingState(
        String partner,
        String partnership,
        String currentKid,
        List<String> kids,
        String partnershipFileKid) {
      this(
          partner,
          partnership,
          currentKid,
          List.copyOf(kids),
          partnershipFileKid,
          currentKid.equals(partnershipFileKid));
    }
  }

  public KeyRingState state(String partner) {
    return state(require(partner));
  }

  /** Re-reads the key directory, keeping the current kid. */
  public KeyRingState reload(String partner, String actor) {
    Partner known = require(partner);
    try {
      pseudonyms.keys(known.node()).reload(actor);
    } catch (IllegalStateException e) {
      throw conflict(
          "The key directory cannot be used as it stands (the current key's file missing, or a"
              + " malformed key file); the keys in use are kept.");
    }
    return state(known);
  }

  /** Makes {@code kid}, whose file is in the key directory, the current kid. */
  public KeyRingState rotateTo(String partner, String kid, String actor) {
    Partner known = require(partner);
    if (!PseudonymKeyStore.isKid(kid)) {
      throw new KopirException(
          ErrorCode.INVALID_PARAMETER,
          "Not a kid.",
          List.of(new FieldError("/kid", "lowercase letters, digits, '-' or '_', no dot")));
    }
    try {
      pseudonyms.keys(known.node()).rotateTo(kid, actor);
    } catch (IllegalArgumentException e) {
      throw new KopirException(
          ErrorCode.INVALID_PARAMETER,
          "No such key.",
          List.of(
              new FieldError(
                  "/kid", "no file " + kid + ".key in the partnership's key directory")));
    } catch (IllegalStateException e) {
      throw conflict(
          "The key directory cannot be used as it stands (a malformed key file); the keys in use"
              + " are kept.");
    }
    return state(known);
  }

  /**
   * Destroys {@code kid}: never the current kid, nor the kid the partnership file names (a restart
   * would find no current key).
   */
  public KeyRingState destroy(String partner, String kid, String actor) {
    Partner known = require(partner);
    PseudonymKeyStore keys = pseudonyms.keys(known.node());
    if (!PseudonymKeyStore.isKid(kid) || !keys.hasKid(kid)) {
      throw new KopirException(ErrorCode.NOT_FOUND, "No such pseudonym key.");
    }
    if (kid.equals(keys.currentKid())) {
      throw conflict("The key is current; make another kid current first.");
    }
    String fileKid = partnershipFileKid(known);
    if (fileKid == null || fileKid.equals(kid)) {
      throw conflict(
          "The partnership file does not name another current kid; set"
              + " pseudonym-keys.current-kid there first, or a restart would find no current key.");
    }
    try {
      keys.destroy(kid, actor);
    } catch (IllegalArgumentException e) {
      throw new KopirException(ErrorCode.NOT_FOUND, "No such pseudonym key.");
    } catch (IllegalStateException e) {
      throw conflict("The key could not be destroyed as the key directory stands.");
    }
    return state(known);
  }

  private KeyRingState state(Partner partner) {
    PseudonymKeyStore.Kids kids = pseudonyms.keys(partner.node()).kids();
    return new KeyRingState(
        partner.node(),
        partner.partnership().id(),
        kids.current(),
        kids.all(),
        partnershipFileKid(partner));
  }

  private String partnershipFileKid(Partner partner) {
    try {
      return Partnership.read(Partnership.file(configDir, ownNode, partner.node())).currentKid();
    } catch (IllegalStateException e) {
      return null;
    }
  }

  private Partner require(String partner) {
    return partners
        .node(partner)
        .orElseThrow(() -> new KopirException(ErrorCode.NOT_FOUND, "No such partner."));
  }

  private static KopirException conflict(String detail) {
    return new KopirException(ErrorCode.KEY_CONFLICT, detail);
  }
}
