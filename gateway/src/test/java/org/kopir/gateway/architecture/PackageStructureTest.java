package org.kopir.gateway.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Packages by capability, and no cycles between them: each can be read without the others. */
class PackageStructureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.kopir.gateway");

  @Test
  void capabilityPackagesHaveNoCycles() {
    slices().matching("org.kopir.gateway.(*)..").should().beFreeOfCycles().check(MAIN);
  }
}
