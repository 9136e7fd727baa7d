package org.kopir.gateway.pseudonymization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.error.ProblemControllerAdvice;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.testsupport.TestPartners;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The operators' pseudonym-key API at node kz: its partnership with kg rotates from k1 to k2 and
 * destroys k1, while the partnership with tj keeps its own ring.
 */
class PseudonymKeyControllerTest {

  private static final String K2_HEX = "c0ffee".repeat(10) + "c0ff";
  private static final String KEYS = "/api/v1/partners/kg/pseudonym-keys";

  @TempDir Path dir;
  private final TestKeys.RecordingTrail trail = new TestKeys.RecordingTrail();
  private Path configDir;
  private Path kgKeys;
  private PartnerPseudonyms pseudonyms;
  private MockMvc mvc;

  @BeforeEach
  void setUp() {
    configDir = TestPartners.copyConfig(dir.resolve("config"));
    Path keyRoot = dir.resolve("pseudonym-keys");
    kgKeys = keyRoot.resolve("kg-kz");
    TestKeys.writeKey(kgKeys, "k1", TestKeys.VECTOR_KEY_HEX);
    TestKeys.writeKey(keyRoot.resolve("kz-tj"), "k1", TestKeys.VECTOR_KEY_HEX);
    NodeProperties kz = TestPartners.node("kz");
    var partners = new org.kopir.gateway.node.Partners(kz, configDir, "https");
    PseudonymizationProperties properties = new PseudonymizationProperties();
    properties.setKeyDir(keyRoot);
    pseudonyms = new PartnerPseudonyms(partners, properties, trail);
    mvc =
        MockMvcBuilders.standaloneSetup(
                new PseudonymKeyController(
                    new PseudonymKeyAdministration(pseudonyms, partners, configDir, "kz")))
            .setControllerAdvice(new ProblemControllerAdvice())
            .build();
  }

  @Test
  void showsTheKidsTheCurrentKidAndThePartnershipFilesKidButNoKeyMaterial() throws Exception {
    String body =
        call(get(KEYS))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.partner").value("kg"))
            .andExpect(jsonPath("$.partnership").value("kg-kz"))
            .andExpect(jsonPath("$.currentKid").value("k1"))
            .andExpect(jsonPath("$.kids[0]").value("k1"))
            .andExpect(jsonPath("$.partnershipFileKid").value("k1"))
            .andExpect(jsonPath("$.restartKeepsCurrentKid").value(true))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(body).doesNotContain("000102");
  }

  @Test
  void anUnknownPartnerIsNotFound() throws Exception {
    call(get("/api/v1/partners/xx/pseudonym-keys"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }

  @Test
  void reloadLoadsANewKeyFileWithoutSwitchingTheCurrentKid() throws Exception {
    TestKeys.writeKey(kgKeys, "k2", K2_HEX);

    call(post(KEYS + "/reload"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.currentKid").value("k1"))
        .andExpect(jsonPath("$.kids[1]").value("k2"));

    assertThat(trail.entries)
        .singleElement()
        .satisfies(e -> assertThat(e.event()).isEqualTo(AuditEvent.CONFIG_CHANGED));
  }

  @Test
  void rotationMakesNewPseudonymsUseTheNewKidAndLinkKeysCoverBothKidsCurrentFirst()
      throws Exception {
    TestKeys.writeKey(kgKeys, "k2", K2_HEX);

    rotateTo("k2")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.currentKid").value("k2"))
        .andExpect(jsonPath("$.kids.length()").value(2))
        .andExpect(jsonPath("$.partnershipFileKid").value("k1"))
        .andExpect(jsonPath("$.restartKeepsCurrentKid").value(false));

    Pseudonymizer kg = pseudonyms.pseudonymizer("kg");
    assertThat(kg.caseToken("KZ", "kz-cpc", "CASE-1")).startsWith("case.k2.");
    assertThat(kg.underEveryKid(kid -> kg.pidLinkKey("KZ", "150302600126", kid)).values())
        .satisfiesExactly(
            current -> assertThat(current).startsWith("pid.k2."),
            old -> assertThat(old).startsWith("pid.k1."));
    assertThat(pseudonyms.pseudonymizer("tj").caseToken("KZ", "kz-cpc", "CASE-1"))
        .startsWith("case.k1.");
    AuditEntry rotated = trail.entries.get(0);
    assertThat(rotated.event()).isEqualTo(AuditEvent.KEY_ROTATED);
    assertThat(rotated.actor()).isEqualTo("user:operator");
    assertThat(rotated.detail())
        .containsEntry("partnership", "kg-kz")
        .containsEntry("oldKid", "k1")
        .containsEntry("newKid", "k2");
  }

  @Test
  void rotationToAKidWithoutAKeyFileIsRefusedAndChangesNothing() throws Exception {
    rotateTo("k2")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"))
        .andExpect(jsonPath("$.errors[0].pointer").value("/kid"));

    assertThat(pseudonyms.keys("kg").currentKid()).isEqualTo("k1");
    assertThat(trail.entries).isEmpty();
  }

  @Test
  void rotationWithoutAKidInTheBodyIsMalformed() throws Exception {
    call(post(KEYS + "/current").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
    call(post(KEYS + "/current").contentType(MediaType.APPLICATION_JSON).content("{\"kid\":"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
    rotateTo("K.2")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
  }

  @Test
  void theCurrentKidCannotBeDestroyed() throws Exception {
    TestKeys.writeKey(kgKeys, "k2", K2_HEX);

    call(delete(KEYS + "/k1"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("KEY_CONFLICT"));

    assertThat(kgKeys.resolve("k1.key")).exists();
  }

  @Test
  void aKidThePartnershipFileStillNamesCannotBeDestroyed() throws Exception {
    TestKeys.writeKey(kgKeys, "k2", K2_HEX);
    rotateTo("k2").andExpect(status().isOk());

    call(delete(KEYS + "/k1"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("KEY_CONFLICT"));

    assertThat(kgKeys.resolve("k1.key")).exists();
    assertThat(pseudonyms.keys("kg").allKids()).containsExactly("k1", "k2");
  }

  @Test
  void afterTheOverlapTheOldKidIsDestroyedAndNoLongerLinksWhileOtherPartnershipsKeepTheirs()
      throws Exception {
    TestKeys.writeKey(kgKeys, "k2", K2_HEX);
    rotateTo("k2").andExpect(status().isOk());
    TestPartners.setCurrentKid(configDir, "kg-kz", "k2");

    call(delete(KEYS + "/k1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.currentKid").value("k2"))
        .andExpect(jsonPath("$.kids.length()").value(1))
        .andExpect(jsonPath("$.restartKeepsCurrentKid").value(true));

    assertThat(kgKeys.resolve("k1.key")).doesNotExist();
    Pseudonymizer kg = pseudonyms.pseudonymizer("kg");
    assertThat(kg.underEveryKid(kid -> kg.pidLinkKey("KZ", "150302600126", kid)).keySet())
        .containsExactly("k2");
    assertThat(pseudonyms.keys("tj").allKids()).containsExactly("k1");
    assertThat(trail.entries)
        .extracting(AuditEntry::event)
        .containsExactly(AuditEvent.KEY_ROTATED, AuditEvent.KEY_DESTROYED);
    call(delete(KEYS + "/k1"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }

  @Test
  void reloadWithoutTheCurrentKeysFileIsAConflictAndKeepsTheRingInUse() throws Exception {
    Files.delete(kgKeys.resolve("k1.key"));

    call(post(KEYS + "/reload"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("KEY_CONFLICT"));

    assertThat(pseudonyms.keys("kg").allKids()).containsExactly("k1");
    assertThat(pseudonyms.pseudonymizer("kg").caseToken("KZ", "kz-cpc", "CASE-1"))
        .startsWith("case.k1.");
  }

  private ResultActions rotateTo(String kid) throws Exception {
    return call(
        post(KEYS + "/current")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"kid\":\"" + kid + "\"}"));
  }

  private ResultActions call(MockHttpServletRequestBuilder request) throws Exception {
    RequestBuilder asOperator = request.principal(() -> "operator");
    return mvc.perform(asOperator);
  }
}
