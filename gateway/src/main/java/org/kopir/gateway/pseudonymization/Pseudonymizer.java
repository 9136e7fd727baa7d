package org.kopir.gateway.pseudonymization;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import org.apache.commons.codec.binary.Base32;

/**
 * The keyed pseudonym function of SPEC §6:
 *
 * <pre>
 * pseudonym(kind, value) = kind "." kid "." first 26 chars of lowercase unpadded
 *                          base32(HMAC-SHA256(K[kid], UTF-8(kind "\u001f" value)))
 * </pre>
 *
 * 26 base32 characters carry 130 bits, which keeps collisions negligible for any realistic number
 * of children while staying short enough for headers and audit records. The inputs are normalised
 * here (country upper case, national id reduced to its digits) so that both nodes derive the same
 * pseudonym from differently formatted input.
 */
public final class Pseudonymizer {

  private static final int LENGTH = 26;
  private static final char SEPARATOR = '\u001f';
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  private static final int ENCODED_DIGEST_LENGTH = 56;

  /**
   * Thread-safe: commons-codec keeps per-call state in a context, not in the codec. The context's
   * buffer starts at the size of one encoded HMAC-SHA256 digest (56 characters with padding)
   * instead of commons-codec's default of 8 KiB, which every pseudonym would allocate.
   */
  private static final Base32 BASE32 =
      new Base32() {
        @Override
        protected int getDefaultBufferSize() {
          return ENCODED_DIGEST_LENGTH;
        }
      };

  private final PseudonymKeyStore keys;

  public Pseudonymizer(PseudonymKeyStore keys) {
    this.keys = keys;
  }

  /** The pseudonym of {@code value} under the current key. */
  public String pseudonym(PseudonymKind kind, String value) {
    return pseudonym(kind, value, keys.currentKid());
  }

  /** The pseudonym of {@code value} under the key {@code kid}. */
  public String pseudonym(PseudonymKind kind, String value, String kid) {
    requireText(value, "value");
    Mac mac = keys.macFor(kid);
    byte[] digest =
        mac.doFinal((kind.wireName() + SEPARATOR + value).getBytes(StandardCharsets.UTF_8));
    String encoded = BASE32.encodeAsString(digest).toLowerCase(Locale.ROOT);
    return kind.wireName() + "." + kid + "." + encoded.substring(0, LENGTH);
  }

  /** {@code header.caseToken} for a sender's local case id, under the current key. */
  public String caseToken(String country, String agency, String caseRef) {
    return caseToken(country, agency, caseRef, keys.currentKid());
  }

  public String caseToken(String country, String agency, String caseRef, String kid) {
    requireText(agency, "agency");
    requireText(caseRef, "caseRef");
    return pseudonym(PseudonymKind.CASE, country(country) + "|" + agency + "|" + caseRef, kid);
  }

  /** The {@code pid} link key of a national id (KZ IIN, KG PIN), under the current key. */
  public String pidLinkKey(String issuingCountry, String nationalId) {
    return pidLinkKey(issuingCountry, nationalId, keys.currentKid());
  }

  /**
   * Only the digits of the id count, so {@code 150302 600126} and {@code 150302600126} link.
   *
   * @throws IllegalArgumentException if the id holds no digit
   */
  public String pidLinkKey(String issuingCountry, String nationalId, String kid) {
    requireText(nationalId, "national id");
    String digits = digitsOf(nationalId);
    if (digits.isEmpty()) {
      throw new IllegalArgumentException("national id holds no digits");
    }
    return pseudonym(PseudonymKind.PID, country(issuingCountry) + "|" + digits, kid);
  }

  /**
   * The {@code ndb} link key of a name skeleton, full birth date and sex, under the current key.
   */
  public String ndbLinkKey(String skeleton, LocalDate birthDate, Sex sex) {
    return ndbLinkKey(skeleton, birthDate, sex, keys.currentKid());
  }

  public String ndbLinkKey(String skeleton, LocalDate birthDate, Sex sex, String kid) {
    requireText(skeleton, "skeleton");
    if (birthDate == null || sex == null) {
      throw new IllegalArgumentException("ndb link key needs a birth date and a sex");
    }
    return pseudonym(PseudonymKind.NDB, skeleton + "|" + birthDate + "|" + sex.name(), kid);
  }

  /**
   * Computes a pseudonym under every kept key, current kid first, so that a receiver holding
   * records made before a rotation can still link them.
   */
  public Map<String, String> underEveryKid(Function<String, String> pseudonymForKid) {
    Map<String, String> byKid = new LinkedHashMap<>();
    String current = keys.currentKid();
    byKid.put(current, pseudonymForKid.apply(current));
    for (String kid : keys.allKids()) {
      byKid.computeIfAbsent(kid, pseudonymForKid);
    }
    return byKid;
  }

  public PseudonymKeyStore keys() {
    return keys;
  }

  static String digitsOf(String value) {
    StringBuilder digits = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    return digits.toString();
  }

  private static String country(String country) {
    requireText(country, "country");
    String upper = country.strip().toUpperCase(Locale.ROOT);
    if (!COUNTRY.matcher(upper).matches()) {
      throw new IllegalArgumentException("country must be an ISO 3166 alpha-2 code");
    }
    return upper;
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is required");
    }
  }
}
