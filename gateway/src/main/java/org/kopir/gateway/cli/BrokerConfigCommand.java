package org.kopir.gateway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kopir.gateway.broker.BrokerLayout;
import org.kopir.gateway.broker.BrokerLayoutConfiguration;
import org.kopir.gateway.broker.BrokerProperties;
import org.kopir.gateway.broker.QueueNames;
import org.kopir.gateway.broker.StandaloneBrokerFiles;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code broker-config}: writes a standalone Artemis broker's configuration for a node from the
 * node's own configuration (the same {@link BrokerLayout} its embedded broker applies). Node
 * settings are given as on the node's command line, e.g. {@code --kopir.node=kz}.
 */
@Command(
    name = "broker-config",
    mixinStandardHelpOptions = true,
    description = {
      "Write etc/broker.xml, etc/artemis-roles.properties and (with passwords)"
          + " etc/artemis-users.properties of a node's standalone Artemis broker.",
      "Node settings follow as on the node's command line: --kopir.node=kz"
          + " [--spring.profiles.active=production] [--kopir.config-dir=...]."
    })
public class BrokerConfigCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, description = "directory to write (the instance's etc)")
  Path out;

  @Option(
      names = "--key-store",
      required = true,
      description =
          "PEM file with the broker's private key and certificate chain, as the broker sees it")
  String keyStore;

  @Option(
      names = "--trust-certificates",
      required = true,
      split = ",",
      description =
          "CA certificates (PEM files) whose clients may connect: the node's own CA (the node,"
              + " its agencies) and the partner's CA (the partner node)")
  List<Path> trustCertificates;

  @Option(
      names = "--trust-store",
      description =
          "where the broker will find kopir-trust.p12, written to --out (default: in --out)")
  String trustStore;

  @Option(
      names = "--passwords",
      description =
          "directory with one file per broker user (named as the user) holding its password;"
              + " KOPIR_BROKER_PASSWORD_<USER> in the environment also counts")
  Path passwords;

  /** The trust store's file name in {@code --out}. */
  static final String TRUST_STORE = "kopir-trust.p12";

  @Unmatched List<String> nodeArguments = new ArrayList<>();

  /** The configuration a node binds, without starting anything else. */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({NodeProperties.class, QueueNames.class, BrokerProperties.class})
  @Import(BrokerLayoutConfiguration.class)
  static class LayoutOnly {}

  @Override
  public Integer call() throws IOException {
    BrokerLayout layout;
    BrokerProperties broker;
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(LayoutOnly.class)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .properties("logging.level.root=WARN", "spring.main.lazy-initialization=false")
            .run(nodeArguments.toArray(String[]::new))) {
      layout = context.getBean(BrokerLayout.class);
      broker = context.getBean(BrokerProperties.class);
    }
    Files.createDirectories(out);
    List<java.security.cert.X509Certificate> anchors = new ArrayList<>();
    for (Path file : trustCertificates) {
      anchors.addAll(org.kopir.gateway.crypto.PemFiles.readCertificates(file));
    }
    String trustPassword =
        java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(12));
    Path trustFile = out.resolve(TRUST_STORE);
    Files.write(trustFile, StandaloneBrokerFiles.trustStore(anchors, trustPassword));
    StandaloneBrokerFiles files =
        new StandaloneBrokerFiles(
            layout,
            new StandaloneBrokerFiles.Acceptor(
                broker.getHost(),
                broker.getPort(),
                keyStore,
                trustStore != null ? trustStore : trustFile.toAbsolutePath().toString(),
                trustPassword));
    Files.writeString(out.resolve("broker.xml"), files.brokerXml(), StandardCharsets.UTF_8);
    Files.writeString(
        out.resolve("artemis-roles.properties"), files.rolesProperties(), StandardCharsets.UTF_8);
    System.out.println(
        "broker.xml, artemis-roles.properties and "
            + TRUST_STORE
            + " ("
            + anchors.size()
            + " CA certificates) written to "
            + out);
    Map<String, String> known = passwords(layout);
    if (passwords != null || !known.isEmpty()) {
      if (!known.containsKey(BrokerLayout.NODE_USER)) {
        System.err.println(
            "no password for "
                + BrokerLayout.NODE_USER
                + " (file "
                + BrokerLayout.NODE_USER
                + " in --passwords or "
                + environmentName(BrokerLayout.NODE_USER)
                + "): the node could not log in");
        return 2;
      }
      Path users = out.resolve("artemis-users.properties");
      Files.writeString(users, files.usersProperties(known), StandardCharsets.UTF_8);
      for (String user : layout.users().keySet()) {
        if (!known.containsKey(user)) {
          System.out.println("no password for " + user + ": it cannot log in");
        }
      }
      System.out.println("artemis-users.properties written (hashed) for " + known.keySet());
    }
    return 0;
  }

  private Map<String, String> passwords(BrokerLayout layout) throws IOException {
    Map<String, String> known = new LinkedHashMap<>();
    for (String user : layout.users().keySet()) {
      String fromEnvironment = System.getenv(environmentName(user));
      if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
        known.put(user, fromEnvironment);
      }
      if (passwords != null) {
        Path file = passwords.resolve(user);
        if (Files.isRegularFile(file)) {
          known.put(user, Files.readString(file, StandardCharsets.UTF_8).strip());
        }
      }
    }
    return known;
  }

  static String environmentName(String user) {
    return "KOPIR_BROKER_PASSWORD_" + user.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }
}
