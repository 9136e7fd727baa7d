package org.kopir.gateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Set;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.node.Partners;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Decides whether a submitted envelope may enter this node: the envelope schema (which selects the
 * payload schema by {@code messageType}), then the rules a schema cannot express. Every fault is
 * reported by JSON pointer; no submitted value is ever quoted back. Thread-safe.
 */
@Component
public class EnvelopeValidator {

  private final MessageSchemas schemas;
  private final List<EnvelopeRule> rules;

  @Autowired
  public EnvelopeValidator(
      ValidationProperties properties, NodeProperties node, Partners partners) {
    this(MessageSchemas.load(properties.getSchemasDir()), node, partners);
  }

  public EnvelopeValidator(MessageSchemas schemas, NodeProperties node, Partners partners) {
    if (!schemas.messageTypes().equals(MessagePolicy.messageTypes())) {
      throw new IllegalStateException(
          "Message types of the schemas "
              + schemas.messageTypes()
              + " differ from the policy table "
              + MessagePolicy.messageTypes()
              + ".");
    }
    this.schemas = schemas;
    this.rules =
        List.of(
            new RoutingRule(node, partners),
            new PurposeRule(),
            new CorrelationRule(),
            new ChildIdentityRule(),
            new HandoverNoticeRule(),
            new ConsentRule());
  }

  /**
   * Validates {@code envelope} and returns typed access to it.
   *
   * @throws KopirException with {@code UNKNOWN_MESSAGE_TYPE}, {@code SCHEMA_VIOLATION}, {@code
   *     UNKNOWN_SENDER}, {@code UNKNOWN_RECIPIENT} or {@code CONSENT_REQUIRED}
   */
  public ValidatedEnvelope validate(ObjectNode envelope) {
    requireKnownMessageType(envelope);
    Set<ValidationMessage> violations = schemas.envelopeSchema().validate(envelope);
    List<FieldError> fractions = FractionalNumbers.find(envelope);
    if (!violations.isEmpty() || !fractions.isEmpty()) {
      throw new KopirException(
          ErrorCode.SCHEMA_VIOLATION,
          "The envelope does not conform to its schema.",
          SchemaViolations.merge(SchemaViolations.toFieldErrors(violations), fractions));
    }
    ValidatedEnvelope validated = ValidatedEnvelope.of(envelope);
    Findings findings = new Findings();
    for (EnvelopeRule rule : rules) {
      rule.check(validated, findings);
    }
    findings.throwIfAny();
    return validated;
  }

  /** The schemas this validator uses. */
  public MessageSchemas schemas() {
    return schemas;
  }

  /** A message type that is a string but not one we know is its own refusal, not a schema error. */
  private void requireKnownMessageType(ObjectNode envelope) {
    JsonNode messageType = envelope.path("header").path("messageType");
    if (messageType.isTextual() && !schemas.messageTypes().contains(messageType.asText())) {
      throw new KopirException(
          ErrorCode.UNKNOWN_MESSAGE_TYPE,
          "The message type is not supported by this node.",
          List.of(new FieldError("/header/messageType", "is not a known message type")));
    }
  }
}
