package org.kopir.gateway.pseudonymization;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameSkeletonTest {

  @Test
  void specVectorSkeletonComesFromTheKazakhCyrillicName() {
    assertThat(NameSkeleton.of("Айгерім", "Нұрланова")).isEqualTo("AIGERIM NURLANOVA");
  }

  @Test
  void givenAndFamilyNameOrderDoesNotMatter() {
    assertThat(NameSkeleton.of("Nurlanova", "Aigerim")).isEqualTo("AIGERIM NURLANOVA");
  }

  @Test
  void everyRowOfTheNamesAcrossScriptsTableMapsToOneSkeleton() {
    List<List<String>> rows =
        List.of(
            List.of("Нұрлан", "Нурлан", "Nurlan"),
            List.of("Жанар", "Zhanar", "Janar"),
            List.of("Қайрат", "Кайрат", "Qairat", "Kairat"),
            List.of("Айгерім", "Aigerim", "Aygerim"));
    for (List<String> row : rows) {
      assertThat(row.stream().map(name -> NameSkeleton.of(name, null)).distinct())
          .as("one skeleton for %s", row)
          .hasSize(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Айгерім", "Aigerım", "AİGERİM", "Aygerim", "aigerim", "Ай-герім"})
  void kazakhLatinAndCaseVariantsFoldToPlainAsciiUpperCase(String written) {
    assertThat(NameSkeleton.of(written, "")).isEqualTo("AIGERIM");
  }

  @Test
  void skeletonHoldsOnlyUpperCaseLettersAndSingleSpaces() {
    String skeleton = NameSkeleton.of("  Қайрат  Ержанұлы 2nd ", "O'Brien-Сүлейменова!");
    assertThat(skeleton).matches("[A-Z]+( [A-Z]+)*");
  }

  @Test
  void nameWithoutLettersGivesAnEmptySkeleton() {
    assertThat(NameSkeleton.of(null, " 123 - ")).isEmpty();
  }

  @Test
  void aPatronymicParticleAloneIsNotAFamilyName() {
    assertThat(NameSkeleton.of("Азамат", "уулу")).isEqualTo("AZAMAT");
  }

  @ParameterizedTest(name = "{0}: {1} {2} / {3} {4}")
  @MethodSource("namePairs")
  void namePairsFromTheDataFile(
      String relation, String givenA, String familyA, String givenB, String familyB) {
    String a = NameSkeleton.of(givenA, familyA);
    String b = NameSkeleton.of(givenB, familyB);
    assertThat(a).isNotEmpty();
    assertThat(b).isNotEmpty();
    if (relation.equals("same")) {
      assertThat(b).as("same person").isEqualTo(a);
    } else {
      assertThat(b).as("different people").isNotEqualTo(a);
    }
  }

  @Test
  void dataFileHoldsEnoughPairsOfEachRelation() throws IOException {
    List<Arguments> pairs = readPairs();
    assertThat(pairs.stream().filter(p -> p.get()[0].equals("same"))).hasSizeGreaterThan(40);
    assertThat(pairs.stream().filter(p -> p.get()[0].equals("different"))).hasSizeGreaterThan(15);
  }

  static Stream<Arguments> namePairs() throws IOException {
    return readPairs().stream();
  }

  private static List<Arguments> readPairs() throws IOException {
    try (InputStream in =
        NameSkeletonTest.class.getResourceAsStream("/pseudonymization/name-pairs.csv")) {
      List<Arguments> rows = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split(",", -1);
        rows.add(Arguments.of(cells[0], cells[1], cells[2], cells[3], cells[4]));
      }
      return rows;
    }
  }
}
