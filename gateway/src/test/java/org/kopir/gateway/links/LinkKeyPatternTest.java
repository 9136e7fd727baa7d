package org.kopir.gateway.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.pseudonymization.PseudonymKeyStore;
import org.kopir.gateway.pseudonymization.Pseudonymizer;

/** The receiver keeps and looks up link keys made under any kid a key file may be named by. */
class LinkKeyPatternTest {

  @TempDir Path keyDir;

  @Test
  void linkKeysUnderEveryValidKidAreRecognised() throws IOException {
    String longestKid = "k" + "-".repeat(30) + "9";
    for (String kid : new String[] {"k1", "2027-q1", "k_2", longestKid}) {
      Files.writeString(keyDir.resolve(kid + ".key"), "ab".repeat(32));
    }
    Pseudonymizer pseudonymizer =
        new Pseudonymizer(new PseudonymKeyStore(keyDir, "k1", entry -> {}));

    for (String kid : new String[] {"k1", "2027-q1", "k_2", longestKid}) {
      String key = pseudonymizer.pidLinkKey("KZ", "150302600126", kid);
      assertThat(LinkKeyStore.LINK_KEY.matcher(key).matches()).as(key).isTrue();
      assertThat(key.length()).as("fits link_key VARCHAR(64)").isLessThanOrEqualTo(64);
    }
    assertThat(LinkKeyStore.LINK_KEY.matcher("pid.K1.aaaaaaaaaaaaaaaaaaaaaaaaaa").matches())
        .isFalse();
    assertThat(LinkKeyStore.LINK_KEY.matcher("pid.k.1.aaaaaaaaaaaaaaaaaaaaaaaaaa").matches())
        .isFalse();
  }
}
