package org.kopir.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.node.Partners;
import org.kopir.gateway.testsupport.TestPartners;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class EnvelopeValidatorTest {

  private final EnvelopeValidator kz = ValidationFixtures.validatorFor(ValidationFixtures.kzNode());
  private final EnvelopeValidator kg = ValidationFixtures.validatorFor(ValidationFixtures.kgNode());

  @Test
  void aValidEnvelopeGivesTypedAccessToItsHeader() {
    ValidatedEnvelope response = kg.validate(ValidationFixtures.example("referral.response"));

    assertThat(response.messageId())
        .isEqualTo(UUID.fromString("0193a9d0-5b1e-7f2a-8c3d-4e5f6a7b8c9d"));
    assertThat(response.messageType()).isEqualTo("referral.response");
    assertThat(response.schemaVersion()).isEqualTo("1");
    assertThat(response.sentAt()).isEqualTo(Instant.parse("2026-11-23T08:40:00Z"));
    assertThat(response.senderCountry()).isEqualTo("KG");
    assertThat(response.senderAgency()).isEqualTo("kg-cpd");
    assertThat(response.recipientCountry()).isEqualTo("KZ");
    assertThat(response.recipientAgency()).isEqualTo("kz-cpc");
    assertThat(response.caseRef()).isEqualTo("KG-CPD-2026-0457");
    assertThat(response.correlationId())
        .isEqualTo(UUID.fromString("0193a4c2-7f3e-7cc1-9b5e-3a2f1c0d9e88"));
    assertThat(response.purpose()).isEqualTo("referral");
    assertThat(response.legalBasis()).isEqualTo("treaty");
    assertThat(response.priority()).isEqualTo("high");
    assertThat(response.payload().path("decision").asText()).isEqualTo("accepted");
  }

  @Test
  void everySchemaFaultIsReportedTogetherWithItsPointer() {
    ObjectNode referral = ValidationFixtures.example("referral.request");
    referral.with("header").put("priority", "urgent");
    referral.with("payload").with("child").put("dateOfBirth", "02.03.2015");
    referral.with("payload").remove("kind");

    KopirException refusal = refusal(kz, referral);

    assertThat(refusal.code()).isEqualTo(ErrorCode.SCHEMA_VIOLATION);
    assertThat(refusal.errors())
        .extracting(FieldError::pointer)
        .contains("/header/priority", "/payload/child/dateOfBirth", "/payload/kind");
    assertThat(refusal.errors())
        .filteredOn(e -> e.pointer().equals("/payload/kind"))
        .extracting(FieldError::message)
        .containsExactly("is required");
  }

  @Test
  void anUnknownMessageTypeIsItsOwnRefusal() {
    ObjectNode referral = ValidationFixtures.example("referral.request");
    referral.with("header").put("messageType", "referral.escalate");

    KopirException refusal = refusal(kz, referral);

    assertThat(refusal.code()).isEqualTo(ErrorCode.UNKNOWN_MESSAGE_TYPE);
    assertThat(refusal.errors())
        .extracting(FieldError::pointer)
        .containsExactly("/header/messageType");
  }

  @Test
  void refusalsNeverQuoteTheSubmittedValue() {
    ObjectNode referral = ValidationFixtures.example("referral.request");
    referral.with("payload").with("child").put("dateOfBirth", "Айгерім-secret");
    referral.with("payload").with("child").put("secretField", "Нұрланова");

    KopirException refusal = refusal(kz, referral);

    assertThat(refusal.errors().toString()).doesNotContain("Айгерім", "Нұрланова", "secret-");
    assertThat(refusal.getMessage()).doesNotContain("Айгерім");
  }

  @Test
  void vitalInterestWithARecordedSupervisorOverrideNeedsNoConsent() {
    ObjectNode referral = ValidationFixtures.example("referral.request");
    referral.with("header").put("legalBasis", "vital-interest");
    ObjectNode consent = referral.with("payload").putObject("consent");
    consent.put("status", "not-obtainable").put("informationWithheld", false);
    consent
        .putObject("supervisorOverride")
        .put("recorded", true)
        .put("date", "2026-11-22")
        .put("approverRole", "Head of the referral unit")
        .put("reason", "trafficking-risk");

    assertThat(kz.validate(referral).legalBasis()).isEqualTo("vital-interest");
  }

  @Test
  void aRefusedInformationRequestNeedsNoConsent() {
    ObjectNode answer = ValidationFixtures.example("info.response");
    ObjectNode payload = answer.with("payload");
    payload.remove("consent");
    payload.remove("familyMembers");
    payload.remove("withheldFields");
    payload.put("outcome", "refused").put("refusalReasonCode", "no-legal-basis");

    assertThat(kg.validate(answer).payload().path("outcome").asText()).isEqualTo("refused");
  }

  @Test
  void aChildIdentifiedOnlyByAKyrgyzPinMustBeUnder18() {
    ObjectNode request = ValidationFixtures.example("info.request");
    request.with("payload").with("child").remove("dateOfBirth");
    request
        .with("payload")
        .with("child")
        .withArray("nationalIds")
        .insertObject(0)
        .put("issuingCountry", "KG")
        .put("number", "20101200800345");
    request.with("payload").with("child").withArray("nationalIds").remove(1);

    KopirException refusal = refusal(kz, request);

    assertThat(refusal.code()).isEqualTo(ErrorCode.SCHEMA_VIOLATION);
    assertThat(refusal.errors())
        .containsExactly(
            new FieldError(
                "/payload/child/nationalIds/0/number",
                "must show a child under 18 at /header/sentAt"));
  }

  @Test
  void contentFaultsTakePrecedenceOverRoutingFaults() {
    ObjectNode referral = ValidationFixtures.example("referral.request");
    referral.with("header").with("recipient").put("agency", "kg-osh-guardianship");
    referral.with("payload").with("child").put("sex", "male");

    assertThat(refusal(kz, referral).code()).isEqualTo(ErrorCode.SCHEMA_VIOLATION);
  }

  @Test
  void theValidatorIsASpringBeanReadingSchemasFromTheConfiguredDirectory() {
    new ApplicationContextRunner()
        .withUserConfiguration(ValidationOnly.class)
        .withPropertyValues(
            "kopir.validation.schemas-dir=schemas",
            "kopir.node=kz",
            "kopir.country=KZ",
            "kopir.config-dir=" + TestPartners.configDir(),
            "kopir.agencies.kz-cpc.name=Committee",
            "kopir.agencies.kz-almaty-guardianship.name=Almaty",
            "kopir.partners.kg.border-url=http://127.0.0.1:9444")
        .run(
            context -> {
              EnvelopeValidator validator = context.getBean(EnvelopeValidator.class);
              assertThat(
                      validator.validate(ValidationFixtures.example("referral.request")).caseRef())
                  .isEqualTo("2026-000123");
            });
  }

  @Test
  void aMissingSchemaDirectoryStopsStartUp() {
    new ApplicationContextRunner()
        .withUserConfiguration(ValidationOnly.class)
        .withPropertyValues(
            "kopir.validation.schemas-dir=no-such-dir", "kopir.node=kz", "kopir.country=KZ")
        .run(context -> assertThat(context).hasFailed());
  }

  private static KopirException refusal(EnvelopeValidator validator, ObjectNode envelope) {
    KopirException refusal =
        catchThrowableOfType(KopirException.class, () -> validator.validate(envelope));
    assertThat(refusal).as("refused").isNotNull();
    return refusal;
  }

  @Configuration
  @EnableConfigurationProperties({ValidationProperties.class, NodeProperties.class})
  @Import({EnvelopeValidator.class, Partners.class})
  static class ValidationOnly {}
}
