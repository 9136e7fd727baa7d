package org.kopir.gateway.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.crypto.DevPki;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The production profile as Spring reads it from {@code application-production.yml}: secrets from
 * files in {@code kopir.secrets-dir}, one per setting, and the refusal when one is missing.
 */
class SecretsFromFilesTest {

  @Configuration(proxyBeanMethods = false)
  static class NothingElse {}

  @TempDir Path dir;

  @Test
  void aSecretFileNamedAsTheSettingSuppliesIt() throws Exception {
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(secrets.resolve("spring.artemis.password"), "from a file\n");
    try (ConfigurableApplicationContext context = start(secrets)) {
      assertThat(context.getEnvironment().getProperty("spring.artemis.password"))
          .isEqualTo("from a file");
      assertThat(context.getEnvironment().getProperty("spring.artemis.mode")).isEqualTo("native");
      // The development accounts of routes/config/kz.yml are not bound: users: [] outranks them.
      assertThat(
              org.springframework.boot.context.properties.bind.Binder.get(context.getEnvironment())
                  .bind("kopir.security", org.kopir.gateway.security.SecurityProperties.class)
                  .get()
                  .getUsers())
          .isEmpty();
      assertThat(
              org.kopir.gateway.security.SecurityProperties.readUsersFile(
                  Path.of(context.getEnvironment().getProperty("kopir.security.users-file"))))
          .extracting(org.kopir.gateway.security.SecurityProperties.User::getName)
          .containsExactly("auditor");
    }
  }

  @Test
  void withoutTheSecretTheNodeRefusesToStartNamingIt() throws Exception {
    Path secrets = Files.createDirectories(dir.resolve("empty"));

    assertThatThrownBy(() -> start(secrets).close())
        .hasMessageContaining("spring.artemis.password is missing");
  }

  private ConfigurableApplicationContext start(Path secrets) throws Exception {
    Path pki = dir.resolve("pki");
    if (!Files.isDirectory(pki)) {
      DevPki.generate(pki, DevPki.DEMO, Instant.now(), false);
    }
    Path people =
        Files.writeString(
            dir.resolve("people"),
            "auditor:{bcrypt}$2a$04$7e4m5c0ciUbY8YAq8eYg3uZVbCz1Xf7s4xO1mvT1H0g5V8nG7qz7e:AUDITOR\n");
    return new SpringApplicationBuilder(NothingElse.class)
        .web(WebApplicationType.NONE)
        .profiles("production")
        .run(
            "--kopir.node=kz",
            "--kopir.secrets-dir=" + secrets,
            "--kopir.security.users-file=" + people,
            "--kopir.crypto.certs-dir=" + pki,
            "--kopir.pseudonymization.key-dir=" + pki.resolve("pseudonym-keys"),
            "--spring.artemis.broker-url=tcp://broker:61617?sslEnabled=true",
            "--spring.datasource.url=jdbc:postgresql://db:5432/kopir_kz",
            "--spring.main.banner-mode=off");
  }
}
