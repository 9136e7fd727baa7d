package org.kopir.gateway.pseudonymization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;

class PseudonymizationPolicyTest {

  private static final PayloadContext CONTEXT =
      new PayloadContext(TestSchemas.TYPE, "KZ", "kz-cpc");

  @TempDir Path keyDir;
  private Pseudonymizer pseudonymizer;
  private PseudonymizationProperties properties;
  private PseudonymizationPolicy policy;

  @BeforeEach
  void setUp() {
    pseudonymizer = new Pseudonymizer(TestKeys.vectorStore(keyDir, new TestKeys.RecordingTrail()));
    properties = new PseudonymizationProperties();
    policy = new PseudonymizationPolicy(pseudonymizer, properties);
  }

  private PseudonymizedPayload apply(ObjectNode payload) {
    return policy.apply(CONTEXT, payload, TestSchemas.referralSchema(), TestSchemas.resolver());
  }

  @Test
  void protectedFieldsLeaveTheClearedPayloadAndKeepTheirPaths() {
    PseudonymizedPayload result = apply(TestSchemas.referralPayload());

    JsonNode cleared = result.cleared();
    assertThat(cleared.at("/child").has("name")).isFalse();
    assertThat(cleared.at("/child").has("nationalIds")).isFalse();
    assertThat(cleared.at("/child").has("protectionConcerns")).isFalse();
    assertThat(cleared.at("/child/location/address").isMissingNode()).isTrue();
    assertThat(cleared.at("/child/location/region").asText()).isEqualTo("Chui");
    assertThat(cleared.at("/child/sex").asText()).isEqualTo("F");
    assertThat(cleared.at("/kind").asText()).isEqualTo("referral");

    JsonNode protectedFields = result.protectedFields();
    assertThat(protectedFields.at("/child/name/given").asText()).isEqualTo("Айгерім");
    assertThat(protectedFields.at("/child/nationalIds/0/number").asText())
        .isEqualTo("150302600126");
    assertThat(protectedFields.at("/child/location/address").isTextual()).isTrue();
    assertThat(protectedFields.at("/child/location").has("region")).isFalse();
    assertThat(protectedFields.at("/child/protectionConcerns")).hasSize(2);
    assertThat(protectedFields.has("kind")).isFalse();
  }

  @Test
  void birthYearStaysInClearAsAnIntegerAndTheFullDateIsProtected() {
    PseudonymizedPayload result = apply(TestSchemas.referralPayload());

    assertThat(result.cleared().at("/child/dateOfBirth").isInt()).isTrue();
    assertThat(result.cleared().at("/child/dateOfBirth").asInt()).isEqualTo(2015);
    assertThat(result.protectedFields().at("/child/dateOfBirth").asText()).isEqualTo("2015-03-02");
    assertThat(result.cleared().at("/familyMembers/0/dateOfBirth").asInt()).isEqualTo(1990);
  }

  @Test
  void dropFieldsGoNowhereAndAreReported() {
    PseudonymizedPayload result = apply(TestSchemas.referralPayload());

    assertThat(result.cleared().at("/child/ethnicity").isMissingNode()).isTrue();
    assertThat(result.protectedFields().at("/child/ethnicity").isMissingNode()).isTrue();
    assertThat(result.droppedPointers()).containsExactly("/payload/child/ethnicity");
  }

  @Test
  void pseudonymizeFieldBecomesACasePseudonymInTheSendersScope() {
    PseudonymizedPayload result = apply(TestSchemas.referralPayload());

    assertThat(result.cleared().at("/relatedCaseRef").asText())
        .isEqualTo(pseudonymizer.caseToken("KZ", "kz-cpc", "2025-000777"))
        .startsWith("case.k1.");
    assertThat(result.protectedFields().has("relatedCaseRef")).isFalse();
  }

  @Test
  void familyMemberArrayKeepsItsIndicesWithNullsWhereNothingIsProtected() {
    PseudonymizedPayload result = apply(TestSchemas.referralPayload());

    JsonNode clearedMembers = result.cleared().at("/familyMembers");
    assertThat(clearedMembers).hasSize(3);
    assertThat(clearedMembers.get(0).has("name")).isFalse();
    assertThat(clearedMembers.get(0).has("telephone")).isFalse();
    assertThat(clearedMembers.get(1).get("relation").asText()).isEqualTo("father");

    JsonNode protectedMembers = result.protectedFields().at("/familyMembers");
    assertThat(protectedMembers).hasSize(3);
    assertThat(protectedMembers.get(0).at("/name/given").asText()).isEqualTo("Гүлнара");
    assertThat(protectedMembers.get(1).isNull()).isTrue();
    assertThat(protectedMembers.get(2).get("telephone").asText()).isEqualTo("+996555123456");
  }

  @Test
  void mergeRestoresTheSubmittedPayloadExceptDroppedFields() {
    ObjectNode submitted = TestSchemas.referralPayload();
    PseudonymizedPayload result = apply(submitted);

    ObjectNode merged = PseudonymizationPolicy.merge(result.cleared(), result.protectedFields());

    ObjectNode expected = submitted.deepCopy();
    ((ObjectNode) expected.get("child")).remove("ethnicity");
    expected.put("relatedCaseRef", result.cleared().get("relatedCaseRef").asText());
    assertThat(merged).isEqualTo(expected);
  }

  @Test
  void mergeRefusesProtectedArraysThatDoNotFit() {
    ObjectNode cleared = (ObjectNode) TestSchemas.parse("{\"a\":[{\"x\":1}]}");
    ObjectNode protectedFields = (ObjectNode) TestSchemas.parse("{\"a\":[null,{\"y\":2}]}");

    assertThatThrownBy(() -> PseudonymizationPolicy.merge(cleared, protectedFields))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/a");
  }

  @Test
  void submittedPayloadIsLeftUntouched() {
    ObjectNode submitted = TestSchemas.referralPayload();
    ObjectNode copy = submitted.deepCopy();

    apply(submitted);

    assertThat(submitted).isEqualTo(copy);
  }

  @Test
  void noProtectedOrDroppedValueAppearsInTheClearedPayload() {
    PseudonymizedPayload result = apply(TestSchemas.referralPayload());
    String cleared = result.cleared().toString();

    for (String secret :
        List.of(
            "Айгерім",
            "Нұрланова",
            "150302600126",
            "2015-03-02",
            "Примерная",
            "+7701",
            "+996555",
            "kazakh",
            "child-labour",
            "2025-000777",
            "Гүлнара")) {
      assertThat(cleared).doesNotContain(secret);
    }
    assertThat(result.toString()).doesNotContain("Айгерім").doesNotContain("150302600126");
  }

  @Test
  void linkKeysComeFromTheChildBeforeRemovalAndMatchTheSpecVectors() {
    PseudonymizedPayload result = apply(TestSchemas.referralPayload());

    assertThat(result.linkKeys())
        .containsExactly("pid.k1.lweeicxacsahfwe46ufgaen7yj", "ndb.k1.sag2kucptk4hlz7tbirthfatys");
  }

  @Test
  void linkKeysAreComputedUnderEveryKeptKidCurrentFirst() {
    TestKeys.writeKey(keyDir, "k2", "ab".repeat(32));
    pseudonymizer.keys().rotateTo("k2", "operator:test");

    List<String> keys = apply(TestSchemas.referralPayload()).linkKeys();

    assertThat(keys).hasSize(4);
    assertThat(keys.subList(0, 2)).allMatch(key -> key.contains(".k2."));
    assertThat(keys.subList(2, 4))
        .containsExactly("pid.k1.lweeicxacsahfwe46ufgaen7yj", "ndb.k1.sag2kucptk4hlz7tbirthfatys");
  }

  @Test
  void incompleteIdentityGivesNoNdbLinkKey() {
    ObjectNode payload = TestSchemas.referralPayload();
    ((ObjectNode) payload.get("child")).put("dateOfBirth", "2015");

    assertThat(apply(payload).linkKeys()).containsExactly("pid.k1.lweeicxacsahfwe46ufgaen7yj");
  }

  @Test
  void linkKeyPointersAreConfigurablePerMessageType() {
    PseudonymizationProperties.LinkKeyPointers pointers =
        new PseudonymizationProperties.LinkKeyPointers();
    pointers.setGivenName("/familyMembers/0/name/given");
    pointers.setFamilyName("/familyMembers/0/name/family");
    pointers.setDateOfBirth("/familyMembers/0/dateOfBirth");
    pointers.setSex("/nowhere");
    pointers.setNationalIds("/nowhere");
    properties.setLinkKeys(Map.of(TestSchemas.TYPE, pointers));
    policy = new PseudonymizationPolicy(pseudonymizer, properties);

    assertThat(apply(TestSchemas.referralPayload()).linkKeys()).isEmpty();

    pointers.setSex("/child/sex");
    String expected =
        pseudonymizer.ndbLinkKey(
            NameSkeleton.of("Gulnara", "Nurlanova"), LocalDate.of(1990, 7, 14), Sex.F);
    assertThat(apply(TestSchemas.referralPayload()).linkKeys()).containsExactly(expected);
  }

  @Test
  void fieldTheSchemaDoesNotDefineIsRefusedByPointerWithoutItsValue() {
    ObjectNode payload = TestSchemas.referralPayload();
    ((ObjectNode) payload.get("child")).put("religion", "secret-belief");
    ((ObjectNode) payload.withArray("familyMembers").get(1)).put("passport", "N1234567");

    assertThatThrownBy(() -> apply(payload))
        .isInstanceOfSatisfying(
            KopirException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA_VIOLATION);
              assertThat(e.errors())
                  .extracting(FieldError::pointer)
                  .containsExactly("/payload/child/religion", "/payload/familyMembers/1/passport");
              assertThat(e.getMessage() + e.errors())
                  .doesNotContain("secret-belief")
                  .doesNotContain("N1234567");
            });
  }

  @Test
  void birthYearFieldThatIsNotADateIsRefused() {
    ObjectNode payload = TestSchemas.referralPayload();
    ((ObjectNode) payload.get("child")).put("dateOfBirth", "02.03.2015");

    assertThatThrownBy(() -> apply(payload))
        .isInstanceOfSatisfying(
            KopirException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::pointer)
                    .containsExactly("/payload/child/dateOfBirth"));
  }

  @Test
  void propertyWithoutAnnotationsIsASchemaError() {
    ObjectNode schema = (ObjectNode) TestSchemas.referralSchema();
    ((ObjectNode) schema.at("/properties/kind")).remove("x-handling");

    assertThatThrownBy(
            () ->
                policy.apply(
                    CONTEXT,
                    TestSchemas.referralPayload(),
                    schema,
                    SchemaResolver.of(schema, TestSchemas.defs())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/kind");
  }

  @Test
  void unannotatedPropertyInsideAReferencedDefIsASchemaErrorEvenWhenAbsent() {
    ObjectNode defs = (ObjectNode) TestSchemas.defs();
    ((ObjectNode) defs.at("/$defs/familyMember/properties/alive")).remove("x-data-class");
    ObjectNode payload = TestSchemas.referralPayload();
    payload.withArray("familyMembers").removeAll();
    payload.withArray("familyMembers").addObject().put("relation", "uncle");

    assertThatThrownBy(
            () ->
                policy.apply(
                    CONTEXT,
                    payload,
                    TestSchemas.referralSchema(),
                    SchemaResolver.of(TestSchemas.referralSchema(), defs)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/familyMembers/0/alive");
  }

  @Test
  void unknownHandlingValueIsASchemaError() {
    ObjectNode schema = (ObjectNode) TestSchemas.referralSchema();
    ((ObjectNode) schema.at("/properties/kind")).put("x-handling", "encrypt");

    assertThatThrownBy(
            () ->
                policy.apply(
                    CONTEXT,
                    TestSchemas.referralPayload(),
                    schema,
                    SchemaResolver.of(schema, TestSchemas.defs())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("encrypt");
  }

  @Test
  void refToAnUnknownDocumentIsASchemaError() {
    assertThatThrownBy(
            () ->
                policy.apply(
                    CONTEXT,
                    TestSchemas.referralPayload(),
                    TestSchemas.referralSchema(),
                    SchemaResolver.of(TestSchemas.referralSchema())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("urn:kopir:schema:defs:1");
  }

  @Test
  void fieldOutsideThePurposeProfileIsRefused() {
    properties.setPurposeProfiles(
        Map.of(TestSchemas.TYPE, List.of("/kind", "/child", "/consent", "/responseTimeframe")));
    policy = new PseudonymizationPolicy(pseudonymizer, properties);

    assertThatThrownBy(() -> apply(TestSchemas.referralPayload()))
        .isInstanceOfSatisfying(
            KopirException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.PURPOSE_LIMITATION);
              assertThat(e.errors())
                  .extracting(FieldError::pointer)
                  .containsExactly("/payload/relatedCaseRef", "/payload/familyMembers");
              assertThat(e.errors())
                  .allSatisfy(
                      error ->
                          assertThat(error.message()).startsWith("not needed for the purpose"));
            });
  }

  @Test
  void nestedProfileEntriesCheckTheMembersOnTheWay() {
    properties.setPurposeProfiles(
        Map.of(
            TestSchemas.TYPE,
            List.of(
                "/kind",
                "/responseTimeframe",
                "/relatedCaseRef",
                "/consent",
                "/child",
                "/familyMembers/relation",
                "/familyMembers/alive")));
    policy = new PseudonymizationPolicy(pseudonymizer, properties);

    assertThatThrownBy(() -> apply(TestSchemas.referralPayload()))
        .isInstanceOfSatisfying(
            KopirException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::pointer)
                    .containsExactly(
                        "/payload/familyMembers/name",
                        "/payload/familyMembers/dateOfBirth",
                        "/payload/familyMembers/telephone",
                        "/payload/familyMembers/telephone"));
  }

  @Test
  void payloadWithinItsProfileOrWithoutOneIsAccepted() {
    assertThat(apply(TestSchemas.referralPayload()).cleared()).isNotEmpty();

    properties.setPurposeProfiles(
        Map.of(
            "some.other.type",
            List.of("/kind"),
            TestSchemas.TYPE,
            List.of(
                "/kind",
                "/responseTimeframe",
                "/relatedCaseRef",
                "/child",
                "/familyMembers",
                "/consent")));
    policy = new PseudonymizationPolicy(pseudonymizer, properties);

    assertThat(apply(TestSchemas.referralPayload()).cleared()).isNotEmpty();
  }
}
