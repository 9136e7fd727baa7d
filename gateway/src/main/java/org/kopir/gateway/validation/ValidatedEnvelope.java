package org.kopir.gateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;

/**
 * An envelope that passed the schemas and the rules, with typed access to its header. {@code
 * envelope} is the submitted document itself (not copied); {@code payload} is its payload member.
 */
public record ValidatedEnvelope(
    UUID messageId,
    String messageType,
    String schemaVersion,
    Instant sentAt,
    String senderCountry,
    String senderAgency,
    String recipientCountry,
    String recipientAgency,
    String caseRef,
    UUID correlationId,
    String purpose,
    String legalBasis,
    String priority,
    ObjectNode payload,
    ObjectNode envelope) {

  /** Legal basis under which consent may be replaced by a recorded supervisor override. */
  public static final String VITAL_INTEREST = "vital-interest";

  /** True when this message answers or refers to an earlier one. */
  public boolean hasCorrelation() {
    return correlationId != null;
  }

  /** Reads the header of a schema-valid envelope. */
  static ValidatedEnvelope of(ObjectNode envelope) {
    JsonNode header = envelope.path("header");
    JsonNode correlation = header.path("correlationId");
    return new ValidatedEnvelope(
        UUID.fromString(header.path("messageId").asText()),
        header.path("messageType").asText(),
        header.path("schemaVersion").asText(),
        parseSentAt(header.path("sentAt").asText()),
        header.path("sender").path("country").asText(),
        header.path("sender").path("agency").asText(),
        header.path("recipient").path("country").asText(),
        header.path("recipient").path("agency").asText(),
        header.path("caseRef").asText(),
        correlation.isTextual() ? UUID.fromString(correlation.asText()) : null,
        header.path("purpose").asText(),
        header.path("legalBasis").asText(),
        header.path("priority").asText(),
        (ObjectNode) envelope.get("payload"),
        envelope);
  }

  /** The schema checks form; a leap second or similar still fails here, as a field error. */
  private static Instant parseSentAt(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new KopirException(
          ErrorCode.SCHEMA_VIOLATION,
          "The envelope does not conform to its schema.",
          List.of(new FieldError("/header/sentAt", "is not a valid date-time")));
    }
  }
}
