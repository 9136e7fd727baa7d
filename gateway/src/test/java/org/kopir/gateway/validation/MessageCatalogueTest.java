package org.kopir.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MessageCatalogueTest {

  private static final Path CATALOGUE = Path.of("docs", "messages.md");

  @Test
  void theCommittedCatalogueMatchesTheSchemas() throws IOException {
    String generated = new MessageCatalogueWriter(ValidationFixtures.schemas()).render();
    if (Boolean.getBoolean("kopir.regenerate-docs")) {
      Files.writeString(CATALOGUE, generated, StandardCharsets.UTF_8);
    }
    String committed =
        Files.exists(CATALOGUE) ? Files.readString(CATALOGUE, StandardCharsets.UTF_8) : "";

    assertThat(committed)
        .as(
            "docs/messages.md is out of date with schemas/. Regenerate it with "
                + "./mvnw -B -q test -pl gateway -Dtest=MessageCatalogueTest "
                + "-Dkopir.regenerate-docs=true and commit the result.")
        .isEqualTo(generated);
  }

  @Test
  void theCatalogueListsEveryMessageTypeAndItsClassifiedFields() {
    String generated = new MessageCatalogueWriter(ValidationFixtures.schemas()).render();

    for (String type : ValidationFixtures.schemas().messageTypes()) {
      assertThat(generated).contains("## " + type + "\n");
    }
    assertThat(generated)
        .contains("| `payload.child.dateOfBirth` | string (date) |  | Q | birth-year |")
        .contains("| `payload.child.names[].given` | string |  | D | protect |")
        .contains("| `header.caseRef` | string | yes | D | pseudonymize |");
  }
}
