package org.kopir.gateway.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.crypto.DevPki;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ProductionChecksTest {

  private static final String HASH =
      "{bcrypt}$2a$04$7e4m5c0ciUbY8YAq8eYg3uZVbCz1Xf7s4xO1mvT1H0g5V8nG7qz7e";

  @TempDir Path dir;
  private final Map<String, Object> settings = new HashMap<>();

  @BeforeEach
  void productionShapedSettings() throws Exception {
    DevPki.generate(dir.resolve("pki"), DevPki.DEMO, Instant.now(), false);
    settings.put("spring.profiles.active", "production");
    settings.put("kopir.node", "kz");
    settings.put("kopir.crypto.certs-dir", dir.resolve("pki").toString());
    settings.put("kopir.pseudonymization.key-dir", dir.resolve("pki/pseudonym-keys").toString());
    settings.put("spring.artemis.mode", "native");
    settings.put("spring.artemis.embedded.enabled", "false");
    settings.put(
        "spring.artemis.broker-url",
        "tcp://broker:61617?sslEnabled=true;keyStoreType=PEM;keyStorePath=/k.pem");
    settings.put("spring.artemis.password", "a long random secret");
    settings.put("spring.datasource.url", "jdbc:postgresql://db:5432/kopir_kz");
    settings.put("kopir.partners.kg.border-url", "https://kg:9444");
    settings.put("kopir.security.users[0].name", "auditor");
    settings.put("kopir.security.users[0].password", HASH);
    settings.put("kopir.security.users[0].roles[0]", "AUDITOR");
  }

  @Test
  void aProductionShapedConfigurationStarts() {
    assertThat(ProductionChecks.problems(environment())).isEmpty();
  }

  @Test
  void developmentStoresAreRefusedByName() {
    settings.put("spring.artemis.mode", "embedded");
    settings.put("spring.artemis.embedded.enabled", "true");
    settings.put("spring.datasource.url", "jdbc:h2:file:./data/kz/db/kopir");
    settings.remove("spring.artemis.password");

    assertThat(ProductionChecks.problems(environment()))
        .anyMatch(problem -> problem.startsWith("spring.artemis.mode must be native"))
        .anyMatch(problem -> problem.startsWith("spring.artemis.embedded.enabled"))
        .anyMatch(problem -> problem.startsWith("spring.artemis.password is missing"))
        .anyMatch(problem -> problem.contains("spring.datasource.url") && problem.endsWith("H2"));
  }

  @Test
  void clearOrDevelopmentPasswordsAreRefusedWithoutPrintingThem() {
    settings.put("kopir.security.users[0].password", "{noop}auditor-dev");
    settings.put("spring.artemis.password", "kopir-node-dev");
    settings.put("kopir.channels.jms.users.kz-cpc", "{noop}plain");

    assertThat(ProductionChecks.problems(environment()))
        .anyMatch(problem -> problem.startsWith("account auditor: password must be a {bcrypt}"))
        .anyMatch(problem -> problem.equals("spring.artemis.password is a development password"))
        .anyMatch(problem -> problem.startsWith("kopir.channels.jms.users.kz-cpc"))
        .noneMatch(problem -> problem.contains("auditor-dev") || problem.contains("plain"));
  }

  @Test
  void theDevelopmentPkiIsRefusedFileByFile() {
    settings.put("kopir.crypto.certs-dir", "certs-dev");
    settings.put("kopir.pseudonymization.key-dir", "certs-dev/pseudonym-keys");

    assertThat(ProductionChecks.problems(environment()))
        .anyMatch(
            problem -> problem.endsWith("development key material certs-dev/kz/node-signing.crt"))
        .anyMatch(problem -> problem.endsWith("certs-dev/pseudonym-keys/kg-kz/k1.key"));
  }

  @Test
  void aNodeWithoutAnyPersonsAccountIsRefused() {
    settings.remove("kopir.security.users[0].name");
    settings.remove("kopir.security.users[0].password");
    settings.remove("kopir.security.users[0].roles[0]");

    assertThat(ProductionChecks.problems(environment()))
        .anyMatch(problem -> problem.startsWith("no person's account"));
  }

  @Test
  void plainTransportsAreRefused() {
    settings.put("spring.artemis.broker-url", "tcp://broker:61616");
    settings.put("kopir.partners.kg.border-url", "http://kg:9444");
    settings.put("kopir.partners.tj.border-url", "https://tj:7444");
    settings.put("kopir.partners.tj.transport", "jms");
    settings.put("kopir.partners.tj.jms.broker-url", "tcp://tj-broker:61616");
    // Used by the embedded broker only, which production refuses anyway.
    settings.put("kopir.partners.tj.jms.partner-password", "{noop}tj-node-dev");

    assertThat(ProductionChecks.problems(environment()))
        .contains(
            "spring.artemis.broker-url must use TLS (sslEnabled=true with key and trust stores)",
            "kopir.partners.kg.border-url must be an https:// URL (mutual TLS)",
            "kopir.partners.tj.jms.broker-url must use TLS (sslEnabled=true with key and trust"
                + " stores)")
        .anyMatch(problem -> problem.startsWith("kopir.partners.tj.jms.password is missing"))
        .noneMatch(problem -> problem.startsWith("kopir.partners.tj.border-url"))
        .noneMatch(problem -> problem.contains("partner-password"));
  }

  @Test
  void aUsersFileIsReadAndAMalformedLineIsNamedByNumberOnly() throws Exception {
    Path users = dir.resolve("people");
    Files.writeString(users, "# people\noperator:" + HASH + ":OPERATOR\n");
    settings.put("kopir.security.users-file", users.toString());
    assertThat(ProductionChecks.problems(environment())).isEmpty();

    Files.writeString(users, "operator:" + HASH + ":OPERATOR\nsecret-without-colons\n");
    assertThat(ProductionChecks.problems(environment()))
        .anyMatch(problem -> problem.contains("line 2") && !problem.contains("secret-without"));
  }

  @Test
  void theNodeRefusesToStartListingEveryProblem() {
    settings.remove("spring.datasource.url");
    settings.put("kopir.partners.kg.border-url", "http://kg:9444");
    StandardEnvironment environment = environment();

    assertThatThrownBy(
            () ->
                new ProductionChecks().postProcessEnvironment(environment, new SpringApplication()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("The production profile refuses to start")
        .hasMessageContaining("spring.datasource.url")
        .hasMessageContaining("kopir.partners.kg.border-url");
  }

  @Test
  void otherProfilesAreNotChecked() {
    settings.put("spring.profiles.active", "default");
    settings.put("spring.datasource.url", "jdbc:h2:mem:x");
    StandardEnvironment environment = environment();

    new ProductionChecks().postProcessEnvironment(environment, new SpringApplication());
  }

  private StandardEnvironment environment() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
    environment.setActiveProfiles(
        settings.getOrDefault("spring.profiles.active", "default").toString());
    return environment;
  }
}
