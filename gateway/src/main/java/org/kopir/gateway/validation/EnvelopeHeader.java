package org.kopir.gateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;

/**
 * The routing facts of an envelope header (SPEC §2) that every step relies on. Reading them checks
 * only that they are present and well-formed; full validation is the validator's job.
 */
public record EnvelopeHeader(
    String messageId,
    String messageType,
    String senderCountry,
    String senderAgency,
    String recipientCountry,
    String recipientAgency,
    String priority) {

  public static EnvelopeHeader read(ObjectNode envelope) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode header = envelope.path("header");
    if (!header.isObject()) {
      errors.add(new FieldError("/header", "is required and must be an object"));
      throw new KopirException(ErrorCode.SCHEMA_VIOLATION, "The envelope has no header.", errors);
    }
    String messageId = text(header, "messageId", "/header/messageId", errors);
    if (messageId != null && !isUuid(messageId)) {
      errors.add(new FieldError("/header/messageId", "must be a UUID"));
    }
    EnvelopeHeader result =
        new EnvelopeHeader(
            messageId,
            text(header, "messageType", "/header/messageType", errors),
            text(header.path("sender"), "country", "/header/sender/country", errors),
            text(header.path("sender"), "agency", "/header/sender/agency", errors),
            text(header.path("recipient"), "country", "/header/recipient/country", errors),
            text(header.path("recipient"), "agency", "/header/recipient/agency", errors),
            header.path("priority").isTextual() ? header.get("priority").asText() : "normal");
    if (!envelope.path("payload").isObject()) {
      errors.add(new FieldError("/payload", "is required and must be an object"));
    }
    if (!errors.isEmpty()) {
      throw new KopirException(
          ErrorCode.SCHEMA_VIOLATION, "The envelope header is incomplete.", errors);
    }
    return result;
  }

  private static String text(JsonNode node, String field, String pointer, List<FieldError> errors) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      errors.add(new FieldError(pointer, "is required and must be a non-empty string"));
      return null;
    }
    return value.asText();
  }

  private static boolean isUuid(String value) {
    if (value.length() != 36) {
      return false;
    }
    try {
      UUID.fromString(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
