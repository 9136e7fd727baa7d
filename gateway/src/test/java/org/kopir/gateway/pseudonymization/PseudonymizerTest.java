package org.kopir.gateway.pseudonymization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymizerTest {

  @TempDir Path keyDir;
  private final TestKeys.RecordingTrail trail = new TestKeys.RecordingTrail();
  private Pseudonymizer pseudonymizer;

  @BeforeEach
  void setUp() {
    pseudonymizer = new Pseudonymizer(TestKeys.vectorStore(keyDir, trail));
  }

  @Test
  void pidVectorOfSpecMatches() {
    assertThat(pseudonymizer.pseudonym(PseudonymKind.PID, "KZ|150302600126"))
        .isEqualTo("pid.k1.lweeicxacsahfwe46ufgaen7yj");
    assertThat(pseudonymizer.pidLinkKey("KZ", "150302600126"))
        .isEqualTo("pid.k1.lweeicxacsahfwe46ufgaen7yj");
  }

  @Test
  void caseVectorOfSpecMatches() {
    assertThat(pseudonymizer.caseToken("KZ", "kz-cpc", "2026-000123"))
        .isEqualTo("case.k1.znod6ocixi2ywm5pajk6at42pq");
  }

  @Test
  void ndbVectorOfSpecMatches() {
    assertThat(pseudonymizer.ndbLinkKey("AIGERIM NURLANOVA", LocalDate.of(2015, 3, 2), Sex.F))
        .isEqualTo("ndb.k1.sag2kucptk4hlz7tbirthfatys");
  }

  @Test
  void ndbVectorComesOutOfTheKazakhCyrillicName() {
    String skeleton = NameSkeleton.of("Айгерім", "Нұрланова");
    assertThat(pseudonymizer.ndbLinkKey(skeleton, LocalDate.parse("2015-03-02"), Sex.F))
        .isEqualTo("ndb.k1.sag2kucptk4hlz7tbirthfatys");
  }

  @Test
  void nationalIdFormattingAndCountryCaseDoNotChangeThePidLinkKey() {
    assertThat(pseudonymizer.pidLinkKey("kz", " 150302 600-126 "))
        .isEqualTo("pid.k1.lweeicxacsahfwe46ufgaen7yj");
  }

  @Test
  void nationalIdWithoutDigitsIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> pseudonymizer.pidLinkKey("KZ", "secret-letters"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
  }

  @Test
  void countryMustBeAnAlpha2Code() {
    assertThatThrownBy(() -> pseudonymizer.caseToken("KAZ", "kz-cpc", "1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void differentKindsOfTheSameValueGiveUnrelatedPseudonyms() {
    String asPid = pseudonymizer.pseudonym(PseudonymKind.PID, "KZ|1");
    String asCase = pseudonymizer.pseudonym(PseudonymKind.CASE, "KZ|1");
    assertThat(asPid.substring(7)).isNotEqualTo(asCase.substring(8));
  }

  @Test
  void anOlderKidStillComputesItsOwnPseudonymsAfterRotation() {
    TestKeys.writeKey(keyDir, "k2", "ff".repeat(32));
    pseudonymizer.keys().rotateTo("k2", "operator:test");

    assertThat(pseudonymizer.pidLinkKey("KZ", "150302600126")).startsWith("pid.k2.");
    assertThat(pseudonymizer.pidLinkKey("KZ", "150302600126", "k1"))
        .isEqualTo("pid.k1.lweeicxacsahfwe46ufgaen7yj");
    assertThat(
            pseudonymizer.underEveryKid(kid -> pseudonymizer.pidLinkKey("KZ", "150302600126", kid)))
        .containsKeys("k2", "k1")
        .containsEntry("k1", "pid.k1.lweeicxacsahfwe46ufgaen7yj")
        .extractingByKey("k2")
        .asString()
        .startsWith("pid.k2.");
    assertThat(
            pseudonymizer.underEveryKid(kid -> pseudonymizer.pidLinkKey("KZ", "1", kid)).keySet())
        .first()
        .isEqualTo("k2");
  }
}
