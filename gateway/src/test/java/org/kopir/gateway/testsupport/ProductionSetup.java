package org.kopir.gateway.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kopir.gateway.crypto.DevPki;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Nodes in the production shape for process tests: fresh key material, standalone Artemis brokers
 * made by {@code deploy/artemis/create-instance} with passwords made here and given as files, a
 * PostgreSQL database per node, people's accounts as bcrypt hashes in a file, no development
 * password anywhere. Everything it starts or creates goes away on {@link #close()}.
 */
public final class ProductionSetup implements AutoCloseable {

  private final Path work;
  private final Path pki;
  private final List<AutoCloseable> running = new ArrayList<>();
  private final List<String> databases = new ArrayList<>();
  private final Map<String, String> secrets = new LinkedHashMap<>();
  private Path users;

  public ProductionSetup(Path work) {
    this.work = work;
    this.pki = work.resolve("pki");
    DevPki.generate(pki, DevPki.DEMO, Instant.now(), false);
  }

  public Path pki() {
    return pki;
  }

  /** A secret made here: {@code <node>/<broker user>} or {@code person/<user>}. */
  public String secret(String key) {
    return secrets.get(key);
  }

  /** The broker of {@code node}, started; its accounts' passwords made here. */
  public StandaloneBroker broker(String node, String partner, List<String> agencies)
      throws IOException {
    StandaloneBroker broker =
        StandaloneBroker.create(
            node,
            work.resolve("artemis-" + node),
            pki.resolve(node),
            pki.resolve(partner).resolve("ca.crt"),
            brokerPasswords(node, partner, agencies),
            fastRetries());
    running.add(broker);
    return broker.start();
  }

  /**
   * The replicated broker pair of {@code node}, started: the primary active, the backup in sync;
   * the same accounts and passwords for both.
   */
  public StandaloneBroker.Pair brokerPair(String node, String partner, List<String> agencies)
      throws IOException {
    StandaloneBroker.Pair pair =
        StandaloneBroker.createPair(
            node,
            work.resolve("artemis-" + node),
            pki.resolve(node),
            pki.resolve(partner).resolve("ca.crt"),
            brokerPasswords(node, partner, agencies),
            fastRetries());
    running.add(pair);
    return pair.start();
  }

  /** One password file per broker user of {@code node}'s broker. */
  public Path brokerPasswords(String node, String partner, List<String> agencies)
      throws IOException {
    Path passwords = work.resolve("broker-passwords-" + node);
    if (Files.isDirectory(passwords)) {
      return passwords;
    }
    Files.createDirectories(passwords);
    List<String> brokerUsers = new ArrayList<>(List.of("kopir-node", partner + "-node"));
    brokerUsers.addAll(agencies);
    for (String user : brokerUsers) {
      String password = randomSecret();
      secrets.put(node + "/" + user, password);
      Files.writeString(passwords.resolve(user), password + "\n");
    }
    return passwords;
  }

  /** Registers something started elsewhere to be closed with this setup. */
  public <T extends AutoCloseable> T closeLater(T resource) {
    running.add(resource);
    return resource;
  }

  /** A new PostgreSQL database for {@code node}; the replicas of a node share one. */
  public String database(String node) {
    String database = PostgresTestDatabase.createDatabase("kopir_production_" + node);
    databases.add(database);
    return database;
  }

  /**
   * A node process in the production profile on {@code database} and the broker at {@code
   * brokerUrl}, with short retry schedules and a checkpoint every 2 seconds.
   *
   * @param dataDir the process's data directory (a replica has its own)
   */
  public NodeProcess node(String id, Path dataDir, String database, String brokerUrl)
      throws IOException {
    NodeProcess node =
        PostgresTestDatabase.useDatabase(new NodeProcess(id, dataDir, pki), database)
            .jvmArg("-Xmx512m")
            .set("spring.profiles.active", "production")
            .set("spring.artemis.broker-url", brokerUrl)
            .env("SPRING_ARTEMIS_PASSWORD", secrets.get(id + "/kopir-node"))
            .set("kopir.security.users-file", usersFile())
            .set("kopir.audit.checkpoint-interval", "2s")
            .password("auditor", secrets.get("person/auditor"))
            .password("operator", secrets.get("person/operator"));
    for (String setting : fastRetries()) {
      String[] pair = setting.substring(2).split("=", 2);
      node.set(pair[0], pair[1]);
    }
    running.add(node);
    return node;
  }

  /** The client URL of {@code broker} for node {@code id}: its TLS key and its CA. */
  public String brokerUrl(String id, StandaloneBroker broker) {
    Path certs = pki.resolve(id);
    return broker.url(certs.resolve("node-tls.pem"), certs.resolve("ca.crt"));
  }

  /** {@code node} forwards over JMS to {@code partnerBroker}, as user {@code <node>-node}. */
  public void forwardOverJms(NodeProcess node, StandaloneBroker partnerBroker, String partner) {
    Path certs = pki.resolve(node.id());
    node.set("kopir.partners." + partner + ".transport", "jms")
        .set(
            "kopir.partners." + partner + ".jms.broker-url",
            partnerBroker.url(
                certs.resolve("node-tls.pem"), pki.resolve(partner).resolve("ca.crt")))
        .env(
            "KOPIR_PARTNERS_" + partner.toUpperCase(Locale.ROOT) + "_JMS_PASSWORD",
            secrets.get(partner + "/" + node.id() + "-node"));
  }

  /** People's accounts as the production profile takes them: bcrypt hashes in a file. */
  private synchronized Path usersFile() throws IOException {
    if (users != null) {
      return users;
    }
    BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
    StringBuilder file = new StringBuilder("# name:hash:roles\n");
    for (String user : List.of("auditor", "operator")) {
      String password = randomSecret();
      secrets.put("person/" + user, password);
      file.append(user)
          .append(":{bcrypt}")
          .append(encoder.encode(password))
          .append(':')
          .append(user.toUpperCase(Locale.ROOT))
          .append('\n');
    }
    users = Files.writeString(work.resolve("people"), file.toString());
    return users;
  }

  /**
   * Short schedules, for node and broker alike (the broker redelivers by them); kz and kg only, the
   * third development node's partnership taken out.
   */
  public static List<String> fastRetries() {
    return List.of(
        "--kopir.partners.tj.enabled=false",
        "--kopir.broker.redelivery.initial-delay=200ms",
        "--kopir.broker.redelivery.max-delay=1s",
        "--kopir.broker.retry.high.initial-delay=200ms",
        "--kopir.broker.retry.high.max-delay=1s",
        "--kopir.broker.retry.normal.initial-delay=200ms",
        "--kopir.broker.retry.normal.max-delay=1s");
  }

  private static String randomSecret() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public void close() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
    for (String database : databases) {
      PostgresTestDatabase.dropDatabase(database);
    }
  }
}
