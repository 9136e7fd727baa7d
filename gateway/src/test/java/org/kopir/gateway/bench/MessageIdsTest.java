package org.kopir.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

  @Test
  void timeOrderedIdsAreVersionSevenAndSortInTheOrderTheyWereMade() {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      made.add(MessageIds.named("time-ordered").next());
    }
    assertThat(made).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
    assertThat(made).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void randomIdsAreVersionFour() {
    String id = MessageIds.named("random").next();
    assertThat(UUID.fromString(id).version()).isEqualTo(4);
  }

  @Test
  void anUnknownKindOfIdsIsRefusedWithTheKindsThereAre() {
    assertThatThrownBy(() -> MessageIds.named("v4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("random or time-ordered");
  }
}
