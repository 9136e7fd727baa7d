package org.kopir.gateway.pseudonymization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.ExchangeProperty;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.crypto.IdentityBlockCipher;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.intake.Submission;
import org.kopir.gateway.node.Partners;
import org.kopir.gateway.validation.EnvelopeValidator;
import org.kopir.gateway.validation.MessageSchemas;
import org.springframework.stereotype.Component;

/**
 * The intake step that makes a submission fit to leave the node (SPEC §4, §6): {@code caseRef}
 * becomes {@code caseToken}, the child's link keys join the header, protected fields leave the
 * payload into an identity block sealed to the recipient agency, birth dates keep their year,
 * dropped fields go, all under the pseudonym keys and purpose profiles of the partnership with the
 * recipient's node. The envelope is changed in place and nothing is persisted before this runs. Its
 * audit record {@code message.pseudonymized} is written when the submission registers the message,
 * so a concurrent submission of the same message that loses the race writes none.
 */
@Component("pseudonymization")
public class PseudonymizationStep {

  private final PartnerPseudonyms pseudonyms;
  private final Partners partners;
  private final IdentityBlockCipher cipher;
  private final MessageSchemas schemas;
  private final SchemaResolver resolver;

  public PseudonymizationStep(
      PartnerPseudonyms pseudonyms,
      Partners partners,
      IdentityBlockCipher cipher,
      EnvelopeValidator validator) {
    this.pseudonyms = pseudonyms;
    this.partners = partners;
    this.cipher = cipher;
    this.schemas = validator.schemas();
    this.resolver = SchemaResolver.of(schemas.documents().values().toArray(JsonNode[]::new));
  }

  public void apply(@ExchangeProperty(Submission.PROPERTY) Submission submission) {
    ObjectNode envelope = submission.envelope();
    ObjectNode header = (ObjectNode) envelope.get("header");
    String messageType = submission.header().messageType();
    String partner =
        partners
            .country(submission.header().recipientCountry())
            .orElseThrow(
                () ->
                    new KopirException(
                        ErrorCode.UNKNOWN_RECIPIENT, "The recipient is not at a partner node."))
            .node();
    PseudonymizedPayload result =
        pseudonyms
            .policy(partner)
            .apply(
                new PayloadContext(
                    messageType,
                    submission.header().senderCountry(),
                    submission.header().senderAgency()),
                (ObjectNode) envelope.get("payload"),
                resolver.document(MessageSchemas.payloadId(messageType)),
                resolver);
    String caseToken =
        pseudonyms
            .pseudonymizer(partner)
            .caseToken(
                submission.header().senderCountry(),
                submission.header().senderAgency(),
                header.path("caseRef").asText());
    header.remove("caseRef");
    header.put("caseToken", caseToken);
    ArrayNode linkKeys = header.putArray("linkKeys");
    result.linkKeys().forEach(linkKeys::add);
    envelope.set("payload", result.cleared());
    if (result.hasProtectedFields()) {
      envelope.set(
          "protected",
          cipher.seal(result.protectedFields(), partner, submission.header().recipientAgency()));
    }
    submission.caseToken(caseToken);
    submission.recordOnRegistration(
        AuditEntry.of(AuditEvent.MESSAGE_PSEUDONYMIZED)
            .messageId(submission.messageId())
            .messageType(messageType)
            .caseToken(caseToken)
            .actor(submission.actor())
            .detail("linkKeys", result.linkKeys().size())
            .detail("droppedFields", result.droppedPointers().size())
            .detail("identityBlock", result.hasProtectedFields())
            .build());
  }
}
