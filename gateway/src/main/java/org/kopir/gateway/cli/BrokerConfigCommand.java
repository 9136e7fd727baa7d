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
 * settings are given as on the node's command line, e.g. {@code --kopir.node=kz}. With {@code
 * --ha-role primary|backup} and {@code --ha-peer host:port} it writes one broker of a replicated
 * pair; both get the same queues, accounts and settings.
 */
@Command(
    name = "broker-config",
    mixinStandardHelpOptions = true,
    description = {
      "Write etc/broker.xml, etc/artemis-roles.properties and (with passwords)"
          + " etc/artemis-users.properties of a node's standalone Artemis broker.",
      "Node settings follow as on the node's command line: --kopir.node=kz"
          + " [--spring.profiles.active=production] [--kopir.config-dir=...].",
      "With --ha-role and --ha-peer the broker is one of a replicated primary/backup pair."
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

  @Option(
      names = "--ha-role",
      paramLabel = "primary|backup",
      description =
          "this broker's role in a replicated primary/backup pair (Artemis replication); the"
              + " password of "
              + StandaloneBrokerFiles.CLUSTER_USER
              + ", the same for both brokers, comes from the file "
              + StandaloneBrokerFiles.CLUSTER_USER
              + " in --passwords or KOPIR_BROKER_PASSWORD_KOPIR_CLUSTER")
  String haRole;

  @Option(
      names = "--ha-peer",
      paramLabel = "host:port",
      description = "the other broker of the pair: where this broker reaches its acceptor")
  String haPeer;

  @Option(
      names = "--ha-self",
      paramLabel = "host:port",
      description =
          "where the other broker and clients reach this broker's acceptor (default: the"
              + " acceptor's kopir.broker.host and kopir.broker.port, unless the host is a"
              + " wildcard)")
  String haSelf;

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
    StandaloneBrokerFiles.Replication replication;
    try {
      replication = replication(broker);
    } catch (IllegalArgumentException e) {
      System.err.println("broker-config: " + e.getMessage());
      return 2;
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
                trustPassword),
            replication);
    Path brokerXml = out.resolve("broker.xml");
    if (replication != null) {
      // It holds the cluster password, reversibly masked.
      ownerOnly(brokerXml);
    }
    Files.writeString(brokerXml, files.brokerXml(), StandardCharsets.UTF_8);
    if (replication != null) {
      System.out.println(
          "replicated pair: this broker is the "
              + replication.role().name().toLowerCase(Locale.ROOT)
              + " ("
              + replication.self().host()
              + ":"
              + replication.self().port()
              + "), its peer "
              + replication.peer().host()
              + ":"
              + replication.peer().port());
    }
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

  /** The pair this broker belongs to, from the {@code --ha-*} options; {@code null} for none. */
  private StandaloneBrokerFiles.Replication replication(BrokerProperties broker)
      throws IOException {
    if (haRole == null) {
      if (haPeer != null || haSelf != null) {
        throw new IllegalArgumentException("--ha-peer and --ha-self need --ha-role");
      }
      return null;
    }
    StandaloneBrokerFiles.Role role = StandaloneBrokerFiles.Role.of(haRole);
    if (haPeer == null) {
      throw new IllegalArgumentException("--ha-role needs --ha-peer host:port");
    }
    StandaloneBrokerFiles.Address peer = StandaloneBrokerFiles.Address.parse(haPeer);
    StandaloneBrokerFiles.Address self =
        haSelf != null
            ? StandaloneBrokerFiles.Address.parse(haSelf)
            : new StandaloneBrokerFiles.Address(broker.getHost(), broker.getPort());
    if (self.isWildcard()) {
      throw new IllegalArgumentException(
          "the broker binds "
              + self.host()
              + ", which nobody can connect to: give --ha-self host:port");
    }
    String clusterPassword = password(StandaloneBrokerFiles.CLUSTER_USER);
    if (clusterPassword == null) {
      throw new IllegalArgumentException(
          "no password for "
              + StandaloneBrokerFiles.CLUSTER_USER
              + " (file "
              + StandaloneBrokerFiles.CLUSTER_USER
              + " in --passwords or "
              + environmentName(StandaloneBrokerFiles.CLUSTER_USER)
              + "), the same for both brokers of the pair");
    }
    return new StandaloneBrokerFiles.Replication(role, self, peer, clusterPassword);
  }

  /**
   * Makes {@code file} (created empty when missing) readable and writable by its owner only, before
   * anything is written to it, where the file system knows POSIX permissions.
   */
  private static void ownerOnly(Path file) throws IOException {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    java.util.Set<java.nio.file.attribute.PosixFilePermission> owner =
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
    if (Files.exists(file)) {
      Files.setPosixFilePermissions(file, owner);
    } else {
      Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(owner));
    }
  }

  private Map<String, String> passwords(BrokerLayout layout) throws IOException {
    Map<String, String> known = new LinkedHashMap<>();
    for (String user : layout.users().keySet()) {
      String password = password(user);
      if (password != null) {
        known.put(user, password);
      }
    }
    return known;
  }

  /** {@code user}'s password: its file in {@code --passwords}, else the environment, else null. */
  private String password(String user) throws IOException {
    if (passwords != null) {
      Path file = passwords.resolve(user);
      if (Files.isRegularFile(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
    }
    String fromEnvironment = System.getenv(environmentName(user));
    return fromEnvironment != null && !fromEnvironment.isEmpty() ? fromEnvironment : null;
  }

  static String environmentName(String user) {
    return "KOPIR_BROKER_PASSWORD_" + user.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }
}
