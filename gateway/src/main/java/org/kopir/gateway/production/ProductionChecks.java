package org.kopir.gateway.production;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.security.SecurityProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start a node in the {@code production} profile on development defaults or with a
 * setting missing. Runs once the configuration is read and before any bean exists, so nothing
 * (Flyway on H2, a connection to a default broker) happens first. Every problem is listed, each
 * naming the setting or file; no value is ever printed.
 */
public class ProductionChecks implements EnvironmentPostProcessor, Ordered {

  /** The profile this guard applies to. */
  public static final String PROFILE = "production";

  private static final List<String> PASSWORD_HASHES = List.of("{bcrypt}", "{argon2}");

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
      return;
    }
    List<String> problems = problems(environment);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "The production profile refuses to start:\n  - "
              + String.join("\n  - ", problems)
              + "\nSee docs/operations.md (production profile).");
    }
  }

  /** Everything wrong with {@code environment} for production; empty when it may start. */
  public static List<String> problems(ConfigurableEnvironment environment) {
    List<String> problems = new ArrayList<>();
    Binder binder = Binder.get(environment);

    // Broker: the standalone one, over TLS, with the node's password.
    if (!"native".equalsIgnoreCase(environment.getProperty("spring.artemis.mode", ""))) {
      problems.add("spring.artemis.mode must be native (a standalone Artemis broker)");
    }
    if (environment.getProperty("spring.artemis.embedded.enabled", Boolean.class, true)) {
      problems.add("spring.artemis.embedded.enabled must be false");
    }
    requireTls(
        "spring.artemis.broker-url",
        environment.getProperty("spring.artemis.broker-url"),
        problems);
    requireSecret(environment, "spring.artemis.password", problems);

    // Database: PostgreSQL.
    String url = environment.getProperty("spring.datasource.url", "");
    if (!url.startsWith("jdbc:postgresql:")) {
      problems.add(
          "spring.datasource.url must be a PostgreSQL URL (jdbc:postgresql://...), not "
              + (url.isBlank()
                  ? "missing"
                  : url.startsWith("jdbc:h2:") ? "H2" : "another database"));
    }

    // Border: HTTPS to every partner; the JMS transport over TLS.
    Map<String, NodeProperties.PartnerSettings> partners =
        binder
            .bind(
                "kopir.partners",
                Bindable.mapOf(String.class, NodeProperties.PartnerSettings.class))
            .orElse(Map.of());
    String defaultTransport = environment.getProperty("kopir.delivery.transport", "https");
    partners.forEach(
        (id, partner) -> {
          if (!partner.isEnabled()) {
            return;
          }
          String prefix = "kopir.partners." + id;
          String border = partner.getBorderUrl() == null ? "" : partner.getBorderUrl();
          if (!border.startsWith("https://")) {
            problems.add(prefix + ".border-url must be an https:// URL (mutual TLS)");
          }
          String transport =
              partner.getTransport() != null ? partner.getTransport() : defaultTransport;
          NodeProperties.Jms jms = partner.getJms();
          if ("jms".equalsIgnoreCase(transport)) {
            requireTls(prefix + ".jms.broker-url", jms.getBrokerUrl(), problems);
            if (jms.getPassword() == null || jms.getPassword().isBlank()) {
              problems.add(
                  prefix
                      + ".jms.password is missing (environment variable, or a file in"
                      + " kopir.secrets-dir)");
            } else if (jms.getPassword().endsWith("-dev")) {
              problems.add(prefix + ".jms.password is a development password");
            }
          }
        });

    // People's accounts: hashes only.
    SecurityProperties security =
        binder
            .bind("kopir.security", Bindable.of(SecurityProperties.class))
            .orElseGet(SecurityProperties::new);
    List<SecurityProperties.User> users;
    try {
      users = security.allUsers();
    } catch (RuntimeException e) {
      problems.add("kopir.security.users-file: " + e.getMessage());
      users = security.getUsers();
    }
    if (users.isEmpty()) {
      problems.add(
          "no person's account: kopir.security.users-file (lines name:{bcrypt}hash:ROLE) is"
              + " missing, so no auditor or operator could sign in");
    }
    for (SecurityProperties.User user : users) {
      String password = user.getPassword() == null ? "" : user.getPassword();
      if (PASSWORD_HASHES.stream().noneMatch(password::startsWith)) {
        problems.add(
            "account "
                + user.getName()
                + ": password must be a {bcrypt} or {argon2} hash (java -jar kopir-gateway.jar"
                + " password-hash)");
      }
    }
    if (!environment.getProperty("kopir.channels.jms.dev-password-suffix", "").isEmpty()) {
      problems.add("kopir.channels.jms.dev-password-suffix must be empty (development passwords)");
    }
    Map<String, String> agencyUsers =
        binder
            .bind("kopir.channels.jms.users", Bindable.mapOf(String.class, String.class))
            .orElse(Map.of());
    agencyUsers.forEach(
        (agency, password) -> {
          if (PASSWORD_HASHES.stream().noneMatch(password::startsWith)) {
            problems.add(
                "kopir.channels.jms.users." + agency + " must be a {bcrypt} or {argon2} hash");
          }
        });
    for (String secret : List.of("spring.artemis.password", "spring.datasource.password")) {
      if (environment.getProperty(secret, "").endsWith("-dev")) {
        problems.add(secret + " is a development password");
      }
    }

    // Keys: none of the published development PKI.
    String node = environment.getProperty("kopir.node", "");
    Path certsDir = Path.of(environment.getProperty("kopir.crypto.certs-dir", "certs-dev"));
    DevelopmentKeys development = DevelopmentKeys.shipped();
    List<Path> pseudonymKeyDirs = new java.util.ArrayList<>();
    String keyDir = environment.getProperty("kopir.pseudonymization.key-dir");
    if (keyDir != null) {
      pseudonymKeyDirs.add(Path.of(keyDir));
    }
    partners.values().stream()
        .map(NodeProperties.PartnerSettings::getPseudonymKeyDir)
        .filter(java.util.Objects::nonNull)
        .forEach(pseudonymKeyDirs::add);
    for (Path file : keyFiles(environment, certsDir.resolve(node), pseudonymKeyDirs)) {
      development
          .match(file)
          .ifPresent(
              known -> problems.add(file + " is the development key material certs-dev/" + known));
    }
    return problems;
  }

  private static java.util.Collection<Path> keyFiles(
      ConfigurableEnvironment environment, Path nodeDir, List<Path> pseudonymKeyDirs) {
    java.util.Set<Path> files = new java.util.LinkedHashSet<>();
    if (Files.isDirectory(nodeDir)) {
      try (Stream<Path> list = Files.list(nodeDir)) {
        list.filter(Files::isRegularFile)
            .map(file -> file.toAbsolutePath().normalize())
            .sorted()
            .forEach(files::add);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    for (String property :
        List.of(
            "kopir.crypto.signing.certificate-file",
            "kopir.crypto.audit.certificate-file",
            "kopir.crypto.tls.certificate-file",
            "kopir.audit.signing-certificate")) {
      String value = environment.getProperty(property);
      if (value != null && !value.isBlank()) {
        files.add(Path.of(value).toAbsolutePath().normalize());
      }
    }
    // A partnership's keys are in <key-dir>/<partnership id>/ unless configured apart.
    for (Path keyDir : pseudonymKeyDirs) {
      if (!Files.isDirectory(keyDir)) {
        continue;
      }
      try (Stream<Path> list = Files.walk(keyDir, 2)) {
        list.filter(Files::isRegularFile)
            .map(file -> file.toAbsolutePath().normalize())
            .sorted()
            .forEach(files::add);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return files;
  }

  private static void requireTls(String property, String url, List<String> problems) {
    if (url == null || url.isBlank()) {
      problems.add(property + " is missing");
    } else if (!url.contains("sslEnabled=true")) {
      problems.add(property + " must use TLS (sslEnabled=true with key and trust stores)");
    }
  }

  private static void requireSecret(
      ConfigurableEnvironment environment, String property, List<String> problems) {
    if (environment.getProperty(property, "").isBlank()) {
      problems.add(property + " is missing (environment variable, or a file in kopir.secrets-dir)");
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
