package org.kopir.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kopir.gateway.error.KopirException;

class ExamplesTest {

  static Stream<String> messageTypes() {
    return ValidationFixtures.schemas().messageTypes().stream();
  }

  @ParameterizedTest
  @MethodSource("messageTypes")
  void everyExampleIsValidAtItsSendersNode(String messageType) {
    ObjectNode example = ValidationFixtures.example(messageType);
    EnvelopeValidator validator =
        ValidationFixtures.validatorFor(ValidationFixtures.nodeOfSender(example));

    try {
      assertThat(validator.validate(example).messageType()).isEqualTo(messageType);
    } catch (KopirException refusal) {
      fail(messageType + " example refused: " + refusal.code() + " " + refusal.errors());
    }
  }

  @Test
  void theReferralExampleGoesFromTheKazakhCommitteeToTheKyrgyzDepartment() {
    ValidatedEnvelope referral =
        ValidationFixtures.validatorFor(ValidationFixtures.kzNode())
            .validate(ValidationFixtures.example("referral.request"));

    assertThat(referral.senderAgency()).isEqualTo("kz-cpc");
    assertThat(referral.recipientAgency()).isEqualTo("kg-cpd");
    assertThat(referral.payload().at("/child/nationalIds/0/number").asText())
        .isEqualTo("150302600126");
    assertThat(referral.correlationId()).isNull();
  }
}
