package org.kopir.gateway.pseudonymization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Computes the child's link keys from the payload as submitted, before anything is removed: one
 * {@code pid} per national id and one {@code ndb} from name skeleton, full birth date and sex, each
 * under every kept kid. A missing or unusable input gives no key rather than an error: link keys
 * are hints, and the payload schema decides what is mandatory.
 */
final class LinkKeyExtractor {

  private static final Pattern FULL_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final Pseudonymizer pseudonymizer;

  LinkKeyExtractor(Pseudonymizer pseudonymizer) {
    this.pseudonymizer = pseudonymizer;
  }

  /** Link keys, grouped by kid with the current kid first. */
  List<String> linkKeys(ObjectNode payload, PseudonymizationProperties.LinkKeyPointers pointers) {
    List<Function<String, String>> perKid = new ArrayList<>();
    for (JsonNode id : nationalIds(payload.at(pointers.getNationalIds()))) {
      String country = text(id.get(pointers.getNationalIdCountry()));
      String number = text(id.get(pointers.getNationalIdNumber()));
      if (country != null && number != null && !Pseudonymizer.digitsOf(number).isEmpty()) {
        perKid.add(kid -> pseudonymizer.pidLinkKey(country, number, kid));
      }
    }
    for (NdbInput ndb : ndbInputs(payload, pointers)) {
      perKid.add(kid -> pseudonymizer.ndbLinkKey(ndb.skeleton, ndb.birthDate, ndb.sex, kid));
    }
    Set<String> keys = new LinkedHashSet<>();
    for (String kid : pseudonymizer.underEveryKid(kid -> kid).keySet()) {
      for (Function<String, String> key : perKid) {
        keys.add(key.apply(kid));
      }
    }
    return List.copyOf(keys);
  }

  private record NdbInput(String skeleton, LocalDate birthDate, Sex sex) {}

  /** One input per distinct skeleton: the same name in several scripts gives one key. */
  private static Set<NdbInput> ndbInputs(
      ObjectNode payload, PseudonymizationProperties.LinkKeyPointers pointers) {
    Optional<LocalDate> birthDate = fullDate(text(payload.at(pointers.getDateOfBirth())));
    Optional<Sex> sex = Sex.parse(text(payload.at(pointers.getSex())));
    Set<NdbInput> inputs = new LinkedHashSet<>();
    if (birthDate.isEmpty() || sex.isEmpty()) {
      return inputs;
    }
    List<String> skeletons = new ArrayList<>();
    JsonNode names =
        pointers.getNames() == null || pointers.getNames().isEmpty()
            ? null
            : payload.at(pointers.getNames());
    if (names != null && names.isArray()) {
      for (JsonNode name : names) {
        skeletons.add(
            NameSkeleton.of(
                text(name.get(pointers.getGivenMember())),
                text(name.get(pointers.getFamilyMember()))));
      }
    } else {
      skeletons.add(
          NameSkeleton.of(
              text(payload.at(pointers.getGivenName())),
              text(payload.at(pointers.getFamilyName()))));
    }
    for (String skeleton : skeletons) {
      if (!skeleton.isEmpty()) {
        inputs.add(new NdbInput(skeleton, birthDate.get(), sex.get()));
      }
    }
    return inputs;
  }

  private static List<JsonNode> nationalIds(JsonNode node) {
    if (node.isArray()) {
      List<JsonNode> ids = new ArrayList<>();
      node.forEach(ids::add);
      return ids;
    }
    return node.isObject() ? List.of(node) : List.of();
  }

  private static Optional<LocalDate> fullDate(String value) {
    if (value == null || !FULL_DATE.matcher(value).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String text(JsonNode node) {
    if (node == null || !(node.isTextual() || node.isIntegralNumber())) {
      return null;
    }
    String text = node.asText();
    return text.isBlank() ? null : text;
  }
}
