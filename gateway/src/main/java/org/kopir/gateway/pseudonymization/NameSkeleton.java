package org.kopir.gateway.pseudonymization;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The script-independent name skeleton of SPEC §6: upper-case A–Z tokens of the given and family
 * names (never the patronymic), sorted and joined by one space. Cyrillic (Russian, Kazakh, Kyrgyz)
 * and the Latin spellings met in practice (BGN/PCGN Kazakh and Kyrgyz, ICAO 9303 passports, Kazakh
 * Latin 2021) fold to one form, so that {@code Айгерім Нұрланова}, {@code Aigerim Nurlanova} and
 * {@code NURLANOVA AYGERIM} all give {@code AIGERIM NURLANOVA}.
 *
 * <p>The skeleton only feeds a keyed link key: it errs towards folding too much (a false hint a
 * caseworker dismisses) rather than too little (a missed link). See docs/privacy.md for the rules.
 */
public final class NameSkeleton {

  /**
   * Cyrillic after upper-casing. National letters fold to their base first (SPEC §6.5: Қ→К, Ғ→Г,
   * Ң→Н, Ө→О, Ұ/Ү→У, Һ→Х, І→И, Ә→А), then to Latin. Letters that romanisations spell with Y (Й, Ы,
   * Ю, Я) go straight to the folded I form, so Cyrillic never yields a Y.
   */
  private static final Map<Character, String> CYRILLIC =
      Map.ofEntries(
          Map.entry('А', "A"),
          Map.entry('Ә', "A"),
          Map.entry('Б', "B"),
          Map.entry('В', "V"),
          Map.entry('Г', "G"),
          Map.entry('Ғ', "G"),
          Map.entry('Ґ', "G"),
          Map.entry('Д', "D"),
          Map.entry('Е', "E"),
          Map.entry('Ё', "E"),
          Map.entry('Є', "E"),
          Map.entry('Э', "E"),
          Map.entry('Ж', "J"),
          Map.entry('З', "Z"),
          Map.entry('И', "I"),
          Map.entry('І', "I"),
          Map.entry('Ї', "I"),
          Map.entry('Й', "I"),
          Map.entry('Ы', "I"),
          Map.entry('К', "K"),
          Map.entry('Қ', "K"),
          Map.entry('Л', "L"),
          Map.entry('М', "M"),
          Map.entry('Н', "N"),
          Map.entry('Ң', "N"),
          Map.entry('О', "O"),
          Map.entry('Ө', "O"),
          Map.entry('П', "P"),
          Map.entry('Р', "R"),
          Map.entry('С', "S"),
          Map.entry('Т', "T"),
          Map.entry('У', "U"),
          Map.entry('Ұ', "U"),
          Map.entry('Ү', "U"),
          Map.entry('Ў', "U"),
          Map.entry('Ф', "F"),
          Map.entry('Х', "H"),
          Map.entry('Һ', "H"),
          Map.entry('Ц', "TS"),
          Map.entry('Ч', "CH"),
          Map.entry('Ш', "SH"),
          Map.entry('Щ', "SHCH"),
          Map.entry('Ъ', ""),
          Map.entry('Ь', ""),
          Map.entry('Ю', "IU"),
          Map.entry('Я', "IA"));

  /** Latin letters whose base letter alone would lose a sound the other spellings keep. */
  private static final Map<Character, String> LATIN_SPECIAL =
      Map.of('Ş', "SH", 'Ç', "CH", 'Ə', "A", 'Ø', "O", 'Æ', "AE", 'Ł', "L", 'Đ', "D");

  /** Marks inside a word (BGN/PCGN soft and hard signs, Kazakh Latin 2017): dropped, not split. */
  private static final String JOINING_MARKS = "'’‘ʼʻ`´\"”“-‐‑–—";

  /** Ye after a vowel or at the start is Russian-style BGN/PCGN for Е, which ICAO writes E. */
  private static final Pattern YE_AFTER_VOWEL = Pattern.compile("(^|[AEIOUY])YE");

  /** Kazakh and Kyrgyz patronymic particles written into the family name, after folding. */
  private static final List<String> PATRONYMIC_PARTICLES = List.of("ULI", "ULU", "KIZI");

  private NameSkeleton() {}

  /**
   * The skeleton of a given and a family name; either may be null. Returns an empty string when
   * neither holds a letter.
   */
  public static String of(String givenName, String familyName) {
    List<String> tokens = new ArrayList<>(tokens(givenName));
    tokens.addAll(withoutPatronymicParticles(tokens(familyName)));
    tokens.sort(null);
    return String.join(" ", tokens);
  }

  /** The folded A–Z tokens of one name field, in written order. */
  public static List<String> tokens(String name) {
    if (name == null || name.isBlank()) {
      return List.of();
    }
    String latin =
        toLatin(Normalizer.normalize(name, Normalizer.Form.NFC).toUpperCase(Locale.ROOT));
    List<String> tokens = new ArrayList<>();
    for (String word : latin.split(" +")) {
      String folded = foldLatin(word);
      if (!folded.isEmpty()) {
        tokens.add(folded);
      }
    }
    return tokens;
  }

  /** Cyrillic to Latin, diacritics off, every other non-letter becomes a token break. */
  private static String toLatin(String upper) {
    StringBuilder out = new StringBuilder(upper.length() + 8);
    for (int i = 0; i < upper.length(); i++) {
      char c = upper.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        out.append(c);
        continue;
      }
      String cyrillic = CYRILLIC.get(c);
      if (cyrillic != null) {
        out.append(cyrillic);
        continue;
      }
      String special = LATIN_SPECIAL.get(c);
      if (special != null) {
        out.append(special);
        continue;
      }
      if (JOINING_MARKS.indexOf(c) >= 0) {
        continue;
      }
      String base = latinBase(c);
      out.append(base.isEmpty() ? " " : base);
    }
    return out.toString().strip();
  }

  /** {@code Ä→A}, {@code Ğ→G}, {@code İ→I}, {@code Ñ→N}, {@code Ū→U}... or empty if not Latin. */
  private static String latinBase(char c) {
    String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
    char base = decomposed.charAt(0);
    return base >= 'A' && base <= 'Z' ? String.valueOf(base) : "";
  }

  /**
   * Folds Latin spelling variants: Q→K, X→KS, W→V, C→K (except in CH), ZH→J, DJ→J, KH→H, GH→G (BGN
   * Ғ), NG→N (BGN Ң), YE→E after a vowel or at the start, Y→I; doubled letters collapse before and
   * after, so that e.g. BGN {@code Tongghysh} and Cyrillic {@code Тоңғыш} meet.
   */
  private static String foldLatin(String word) {
    String s = collapseDoubles(word);
    s = s.replace('Q', 'K').replace('W', 'V').replace("X", "KS");
    s = s.replace("CH", "\u0001").replace('C', 'K').replace("\u0001", "CH");
    s = s.replace("ZH", "J").replace("DJ", "J").replace("KH", "H").replace("GH", "G");
    s = collapseDoubles(s);
    s = s.replace("NG", "N");
    s = YE_AFTER_VOWEL.matcher(s).replaceAll("$1E");
    s = s.replace('Y', 'I');
    return collapseDoubles(s);
  }

  private static String collapseDoubles(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (out.isEmpty() || out.charAt(out.length() - 1) != c) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Drops "son of"/"daughter of" particles from a family name ({@code Асан уулу}, {@code Асанұлы},
   * {@code Асан кызы}), keeping the father's name, so that the separate and the attached spellings
   * meet. A particle alone is dropped; a suffix is cut only if a stem of two or more letters
   * remains.
   */
  private static List<String> withoutPatronymicParticles(List<String> familyTokens) {
    List<String> kept = new ArrayList<>(familyTokens.size());
    for (String token : familyTokens) {
      String stem = token;
      for (String particle : PATRONYMIC_PARTICLES) {
        if (stem.equals(particle)) {
          stem = "";
          break;
        }
        if (stem.endsWith(particle) && stem.length() - particle.length() >= 2) {
          stem = stem.substring(0, stem.length() - particle.length());
          break;
        }
      }
      if (!stem.isEmpty()) {
        kept.add(stem);
      }
    }
    return kept;
  }
}
