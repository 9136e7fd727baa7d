package org.kopir.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.mock.env.MockEnvironment;

/** The routes come from the jar unless kopir.routes-dir names a directory on disk. */
class RouteSourcesTest {

  @Test
  void withoutADirectoryThePackagedRoutesAreLoaded() throws Exception {
    MockEnvironment environment = new MockEnvironment();
    new RouteSources().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty(RouteSources.PATTERN)).isEqualTo(RouteSources.PACKAGED);
    // the build copied routes/*.camel.yaml, not the examples, into the class path
    assertThat(new PathMatchingResourcePatternResolver().getResources(RouteSources.PACKAGED))
        .extracting(r -> r.getFilename())
        .contains("intake.camel.yaml", "delivery.camel.yaml")
        .doesNotContain("file-drop-intake.camel.yaml");
  }

  @Test
  void aConfiguredDirectoryIsReadFromDisk() {
    MockEnvironment environment = new MockEnvironment().withProperty("kopir.routes-dir", "/srv/r/");
    new RouteSources().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty(RouteSources.PATTERN)).isEqualTo("file:/srv/r/*.camel.yaml");
  }

  @Test
  void aPatternSetElsewhereWins() {
    MockEnvironment environment =
        new MockEnvironment().withProperty(RouteSources.PATTERN, "file:routes/*.camel.yaml");
    new RouteSources().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty(RouteSources.PATTERN)).isEqualTo("file:routes/*.camel.yaml");
  }
}
