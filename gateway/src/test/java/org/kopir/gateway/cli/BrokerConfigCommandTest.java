package org.kopir.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.deployers.impl.FileConfigurationParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code broker-config} for one broker of a replicated pair. */
class BrokerConfigCommandTest {

  @TempDir Path work;

  @Test
  void theBackupOfAPairFindsItsPrimaryWithTheClusterPasswordFromThePasswordsDirectory()
      throws Exception {
    Path passwords = passwords("kopir-node", "kopir-cluster");
    Path out = work.resolve("etc");

    int exit =
        run(
            out,
            passwords,
            "--ha-role",
            "backup",
            "--ha-peer",
            "127.0.0.1:61617",
            "--kopir.broker.port=61618");

    assertThat(exit).isZero();
    Path brokerXml = out.resolve("broker.xml");
    String xml = Files.readString(brokerXml);
    assertThat(xml).doesNotContain("secret of kopir-cluster");
    Configuration backup =
        new FileConfigurationParser()
            .parseMainConfig(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    assertThat(backup.getHAPolicyConfiguration()).isInstanceOf(ReplicaPolicyConfiguration.class);
    assertThat(backup.getClusterPassword()).isEqualTo("secret of kopir-cluster");
    Map<String, TransportConfiguration> connectors = backup.getConnectorConfigurations();
    assertThat(connectors.get("kopir-backup").getParams())
        .containsEntry("host", "127.0.0.1")
        .containsEntry("port", "61618");
    assertThat(connectors.get("kopir-primary").getParams())
        .containsEntry("host", "127.0.0.1")
        .containsEntry("port", "61617")
        .containsEntry(
            "trustStorePath", out.resolve("kopir-trust.p12").toAbsolutePath().toString());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(brokerXml)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(out.resolve("artemis-users.properties")))
        .doesNotContain("kopir-cluster");
  }

  @Test
  void aPairNeedsItsClusterPasswordAPeerAndAnAddressTheOthersCanReach() throws Exception {
    Path withoutClusterPassword = passwords("kopir-node");
    Path passwords = passwords("kopir-node", "kopir-cluster");

    assertThat(
            run(
                work.resolve("no-password"),
                withoutClusterPassword,
                "--ha-role",
                "primary",
                "--ha-peer",
                "127.0.0.1:61618"))
        .isEqualTo(2);
    assertThat(
            run(
                work.resolve("wildcard"),
                passwords,
                "--ha-role",
                "primary",
                "--ha-peer",
                "127.0.0.1:61618",
                "--kopir.broker.host=0.0.0.0"))
        .isEqualTo(2);
    assertThat(run(work.resolve("no-role"), passwords, "--ha-peer", "127.0.0.1:61618"))
        .isEqualTo(2);
    assertThat(work.resolve("no-password")).doesNotExist();
    assertThat(work.resolve("wildcard")).doesNotExist();
    assertThat(work.resolve("no-role")).doesNotExist();
  }

  private Path passwords(String... users) throws Exception {
    Path directory = Files.createTempDirectory(work, "passwords");
    for (String user : users) {
      Files.writeString(directory.resolve(user), "secret of " + user + "\n");
    }
    return directory;
  }

  private static int run(Path out, Path passwords, String... options) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--out",
                out.toString(),
                "--key-store",
                "/etc/kopir/kopir-tls.pem",
                "--trust-certificates",
                "certs-dev/kz/ca.crt",
                "--passwords",
                passwords.toString(),
                "--kopir.node=kz",
                "--kopir.partners.tj.enabled=false"));
    arguments.addAll(List.of(options));
    return new CommandLine(new BrokerConfigCommand()).execute(arguments.toArray(String[]::new));
  }
}
