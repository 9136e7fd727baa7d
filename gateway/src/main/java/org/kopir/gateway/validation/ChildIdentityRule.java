package org.kopir.gateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.kopir.gateway.error.ErrorCode;

/**
 * The child's national ids must be well formed (IIN check digit, PIN structure) and agree with the
 * stated birth date and sex; the birth date must not lie after {@code sentAt}; and the person must
 * be a child, under 18 on the day the message was sent.
 */
public final class ChildIdentityRule implements EnvelopeRule {

  static final int AGE_OF_MAJORITY = 18;
  private static final String CHILD = "/payload/child";

  @Override
  public void check(ValidatedEnvelope envelope, Findings findings) {
    JsonNode child = envelope.payload().path("child");
    if (!child.isObject()) {
      return;
    }
    LocalDate sentOn = LocalDate.ofInstant(envelope.sentAt(), ZoneOffset.UTC);
    LocalDate statedBirthDate = statedBirthDate(child, sentOn, findings);
    LocalDate knownBirthDate = statedBirthDate;
    String birthDatePointer = CHILD + "/dateOfBirth";
    JsonNode ids = child.path("nationalIds");
    for (int i = 0; i < ids.size(); i++) {
      String pointer = CHILD + "/nationalIds/" + i + "/number";
      NationalIdFacts facts = parse(ids.get(i), pointer, findings);
      if (facts == null) {
        continue;
      }
      if (facts.birthDate().isAfter(sentOn)) {
        findings.add(ErrorCode.SCHEMA_VIOLATION, pointer, "encodes a birth date in the future");
        continue;
      }
      if (statedBirthDate != null && !statedBirthDate.equals(facts.birthDate())) {
        findings.add(
            ErrorCode.SCHEMA_VIOLATION,
            birthDatePointer,
            "does not match the birth date in " + pointer);
      }
      String sex = child.path("sex").asText();
      if (("female".equals(sex) || "male".equals(sex)) && !sex.equals(facts.sex().schemaValue())) {
        findings.add(ErrorCode.SCHEMA_VIOLATION, CHILD + "/sex", "does not match " + pointer);
      }
      if (knownBirthDate == null) {
        knownBirthDate = facts.birthDate();
        birthDatePointer = pointer;
      }
    }
    if (knownBirthDate != null
        && Period.between(knownBirthDate, sentOn).getYears() >= AGE_OF_MAJORITY) {
      findings.add(
          ErrorCode.SCHEMA_VIOLATION,
          birthDatePointer,
          "must show a child under " + AGE_OF_MAJORITY + " at /header/sentAt");
    }
  }

  private static LocalDate statedBirthDate(JsonNode child, LocalDate sentOn, Findings findings) {
    JsonNode value = child.path("dateOfBirth");
    if (!value.isTextual()) {
      return null;
    }
    LocalDate birthDate;
    try {
      birthDate = LocalDate.parse(value.asText());
    } catch (DateTimeParseException e) {
      findings.add(ErrorCode.SCHEMA_VIOLATION, CHILD + "/dateOfBirth", "is not a valid date");
      return null;
    }
    if (birthDate.isAfter(sentOn)) {
      findings.add(
          ErrorCode.SCHEMA_VIOLATION, CHILD + "/dateOfBirth", "must not be after /header/sentAt");
      return null;
    }
    return birthDate;
  }

  private static NationalIdFacts parse(JsonNode id, String pointer, Findings findings) {
    String number = id.path("number").asText();
    try {
      return switch (id.path("issuingCountry").asText()) {
        case "KZ" -> IinCheck.parse(number);
        case "KG" -> PinCheck.parse(number);
        default -> throw new InvalidNationalIdException("has an unsupported issuing country");
      };
    } catch (InvalidNationalIdException e) {
      findings.add(ErrorCode.SCHEMA_VIOLATION, pointer, e.getMessage());
      return null;
    }
  }
}
