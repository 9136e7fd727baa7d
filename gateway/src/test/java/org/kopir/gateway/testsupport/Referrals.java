package org.kopir.gateway.testsupport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Referrals about made-up children whose every personal value is random and unique, built from the
 * sample referral so that they still validate (the KZ IIN carries its check digit; the IIN and the
 * KG PIN encode the stated birth date and sex). The values double as canaries: a test can look for
 * them in everything a node wrote.
 */
public final class Referrals {

  private static final String CYRILLIC_UPPER = "АБВГДЕЖЗИКЛМНОПРСТУФХЧШЭЮЯӘҒҚҢӨҰҮІ";
  private static final String CYRILLIC_LOWER = "абвгдежзийклмнопрстуфхчшыэюяәғқңөұүһі";
  private static final String LATIN_UPPER = "ABCDEFGHJKLMNPRSTVZ";
  private static final String LATIN_LOWER = "abcdefghijklmnoprstuvz";

  private Referrals() {}

  /** One made-up child and mother; {@link #canaries()} names every value by its field. */
  public record Identity(
      String caseRef,
      String givenCyrillic,
      String familyCyrillic,
      String patronymicCyrillic,
      String givenLatin,
      String familyLatin,
      String patronymicLatin,
      LocalDate birthDate,
      String iin,
      String kgPin,
      String documentNumber,
      String addressWord,
      String motherGivenCyrillic,
      String motherFamilyCyrillic,
      String motherGivenLatin,
      String motherFamilyLatin,
      String motherTelephone,
      String motherAddressWord,
      String reasonWord) {

    /** The full birth date as written in the payload (YYYY-MM-DD); its year alone may travel. */
    public String birthDateText() {
      return birthDate.toString();
    }

    /**
     * Every value that must never be stored or logged in clear, keyed by a label that names the
     * field (not the value), so a finding can be reported without repeating personal data.
     */
    public Map<String, String> canaries() {
      Map<String, String> values = new LinkedHashMap<>();
      values.put("child.given (kk-Cyrl)", givenCyrillic);
      values.put("child.family (kk-Cyrl)", familyCyrillic);
      values.put("child.patronymic (kk-Cyrl)", patronymicCyrillic);
      values.put("child.given (kk-Latn)", givenLatin);
      values.put("child.family (kk-Latn)", familyLatin);
      values.put("child.patronymic (kk-Latn)", patronymicLatin);
      values.put("child.dateOfBirth", birthDateText());
      values.put("child.nationalIds KZ IIN", iin);
      values.put("child.nationalIds KG PIN", kgPin);
      values.put("child.documents number", documentNumber);
      values.put("child.currentLocation.address", addressWord);
      values.put("mother.given (ru-Cyrl)", motherGivenCyrillic);
      values.put("mother.family (ru-Cyrl)", motherFamilyCyrillic);
      values.put("mother.given (Latn)", motherGivenLatin);
      values.put("mother.family (Latn)", motherFamilyLatin);
      values.put("mother.telephone", motherTelephone);
      values.put("mother.location.address", motherAddressWord);
      values.put("referralReason/childWishes/healthSummary", reasonWord);
      return values;
    }
  }

  /** A new made-up girl born between 2010 and 2019, and her mother. */
  public static Identity randomIdentity(Random random) {
    LocalDate birthDate = LocalDate.of(2010, 1, 1).plusDays(random.nextInt(3650));
    return new Identity(
        "CR-" + digits(random, 10),
        cyrillicWord(random),
        cyrillicWord(random),
        cyrillicWord(random) + "қызы",
        latinWord(random),
        latinWord(random),
        latinWord(random) + "qyzy",
        birthDate,
        femaleIin(birthDate, random),
        femaleKgPin(birthDate, random),
        "N" + digits(random, 11),
        cyrillicWord(random),
        cyrillicWord(random),
        cyrillicWord(random),
        latinWord(random),
        latinWord(random),
        "+99655" + digits(random, 7),
        cyrillicWord(random),
        cyrillicWord(random));
  }

  /** The sample referral from kz-cpc to {@code recipientAgency} about {@code child}. */
  public static ObjectNode referral(Identity child, String recipientAgency) {
    ObjectNode envelope = Envelopes.referral();
    ObjectNode header = (ObjectNode) envelope.get("header");
    header.put("caseRef", child.caseRef());
    ((ObjectNode) header.get("recipient")).put("agency", recipientAgency);
    ObjectNode payload = (ObjectNode) envelope.get("payload");
    ObjectNode person = (ObjectNode) payload.get("child");
    ArrayNode names = person.putArray("names");
    names
        .addObject()
        .put("script", "kk-Cyrl")
        .put("given", child.givenCyrillic())
        .put("family", child.familyCyrillic())
        .put("patronymic", child.patronymicCyrillic());
    names
        .addObject()
        .put("script", "kk-Latn")
        .put("given", child.givenLatin())
        .put("family", child.familyLatin())
        .put("patronymic", child.patronymicLatin());
    person.put("dateOfBirth", child.birthDateText());
    ArrayNode ids = person.putArray("nationalIds");
    ids.addObject().put("issuingCountry", "KZ").put("number", child.iin());
    ids.addObject().put("issuingCountry", "KG").put("number", child.kgPin());
    ((ObjectNode) person.get("documents").get(0)).put("number", child.documentNumber());
    ((ObjectNode) person.get("currentLocation"))
        .put("address", "ул. " + child.addressWord() + ", 59");
    person.put("healthSummary", "Healthy; " + child.reasonWord() + " noted.");
    ObjectNode mother = (ObjectNode) payload.get("familyMembers").get(0);
    ArrayNode motherNames = mother.putArray("names");
    motherNames
        .addObject()
        .put("script", "ru-Cyrl")
        .put("given", child.motherGivenCyrillic())
        .put("family", child.motherFamilyCyrillic());
    motherNames
        .addObject()
        .put("script", "Latn")
        .put("given", child.motherGivenLatin())
        .put("family", child.motherFamilyLatin());
    ((ObjectNode) mother.get("location"))
        .put("address", "мкр. " + child.motherAddressWord() + ", д. 14, кв. 7");
    mother.put("telephone", child.motherTelephone());
    payload.put("referralReason", "Бала базарда жалғыз табылды; " + child.reasonWord() + " айтты.");
    payload.put("childWishes", "Анасымен бірге тұрғысы келеді (" + child.reasonWord() + ").");
    return envelope;
  }

  /**
   * The referral padded with a best-interests summary to about {@code targetBytes} of JSON, the
   * size of a realistic referral with free-text assessments.
   */
  public static ObjectNode realisticReferral(
      Identity child, String recipientAgency, int targetBytes) {
    ObjectNode envelope = referral(child, recipientAgency);
    int missing =
        targetBytes - envelope.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (missing > 60) {
      String sentence =
          "Баланың мүддесі үшін отбасымен қайта қауышу ұсынылады; қамқорлық органы келісті. ";
      StringBuilder summary = new StringBuilder();
      // Cyrillic letters take two bytes in UTF-8.
      while (summary.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
          < missing - 30) {
        summary.append(sentence);
      }
      ((ObjectNode) envelope.get("payload")).put("bestInterestsSummary", summary.toString().trim());
    }
    return envelope;
  }

  /** A valid KZ IIN of a girl born in the 2000s on {@code birthDate} (century-and-sex digit 6). */
  public static String femaleIin(LocalDate birthDate, Random random) {
    String prefix = birthDate.format(DateTimeFormatter.ofPattern("yyMMdd")) + "6";
    while (true) {
      String eleven = prefix + digits(random, 4);
      int check = iinCheckDigit(eleven);
      if (check >= 0) {
        return eleven + check;
      }
    }
  }

  /** The IIN check digit of the first eleven digits, or -1 when no check digit exists. */
  static int iinCheckDigit(String eleven) {
    int first = weightedSum(eleven, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}) % 11;
    if (first != 10) {
      return first;
    }
    int second = weightedSum(eleven, new int[] {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2}) % 11;
    return second == 10 ? -1 : second;
  }

  private static int weightedSum(String digits, int[] weights) {
    int sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += (digits.charAt(i) - '0') * weights[i];
    }
    return sum;
  }

  /** A well-formed KG PIN of a girl: sex digit 1, birth date DDMMYYYY, five serial digits. */
  public static String femaleKgPin(LocalDate birthDate, Random random) {
    return "1" + birthDate.format(DateTimeFormatter.ofPattern("ddMMyyyy")) + digits(random, 5);
  }

  private static String digits(Random random, int count) {
    StringBuilder out = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      out.append((char) ('0' + random.nextInt(10)));
    }
    return out.toString();
  }

  private static String cyrillicWord(Random random) {
    return pick(random, CYRILLIC_UPPER, 1) + pick(random, CYRILLIC_LOWER, 8);
  }

  private static String latinWord(Random random) {
    return pick(random, LATIN_UPPER, 1) + pick(random, LATIN_LOWER, 9);
  }

  private static String pick(Random random, String alphabet, int count) {
    StringBuilder out = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
