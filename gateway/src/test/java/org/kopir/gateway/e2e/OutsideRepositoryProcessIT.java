package org.kopir.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.testsupport.DemoPki;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.NodeProcess;

/**
 * The packaged jar started in an empty working directory, far from the repository: routes, OpenAPI
 * document, WSDLs and JSON Schemas come from the jar; only the node's configuration ({@code
 * --kopir.config-dir}) and key material ({@code --kopir.crypto.certs-dir}) are on disk.
 */
class OutsideRepositoryProcessIT {

  @TempDir Path work;
  private NodeProcess kz;

  @AfterEach
  void stop() {
    if (kz != null) {
      kz.close();
    }
  }

  @Test
  void aNodeStartedOutsideTheRepositoryServesItsApiDocsAndValidatesMessages() throws Exception {
    Assumptions.assumeTrue(
        NodeProcess.jarExists(),
        "needs " + NodeProcess.JAR + ": run through 'mvn verify' (failsafe runs after package)");
    Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
    Path temporary = Files.createDirectories(work.resolve("tmp"));
    kz =
        new NodeProcess("kz", work.resolve("kz"), DemoPki.root())
            .asShipped()
            .workingDirectory(elsewhere)
            .jvmArg("-Xmx384m")
            .jvmArg("-Djava.io.tmpdir=" + temporary)
            .set("kopir.config-dir", Path.of("routes/config").toAbsolutePath())
            .start();
    // Started as deploy/kopir starts a node: the broker runs the native journal.
    assertThat(Files.readString(kz.logFile())).contains("Broker journal: ASYNCIO");

    Http.Answer docs = kz.anonymous().get(kz.localUrl() + "/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.json().path("openapi").asText()).startsWith("3.");

    Http kzCpc = kz.agency("kz-cpc");
    ObjectNode valid = Envelopes.referral();
    Http.Answer accepted = kzCpc.postJson(kz.localUrl() + "/api/v1/messages", valid.toString());
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.json().path("status").asText()).isEqualTo("QUEUED");

    ObjectNode invalid = Envelopes.referral();
    ((ObjectNode) invalid.get("header")).put("unexpected", "member");
    Http.Answer refused = kzCpc.postJson(kz.localUrl() + "/api/v1/messages", invalid.toString());
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().path("code").asText()).isEqualTo("SCHEMA_VIOLATION");

    Http.Answer wsdl = kzCpc.get(kz.localUrl() + "/ws/exchange?wsdl");
    assertThat(wsdl.status()).isEqualTo(200);
    assertThat(wsdl.body()).contains("ExchangeService");

    // Nothing was read from or written to the working directory, and Tomcat's directories are in
    // the node's data directory, not new ones in the temporary directory.
    try (var entries = Files.list(elsewhere)) {
      assertThat(entries.toList()).isEmpty();
    }
    try (var entries = Files.list(temporary)) {
      assertThat(entries.toList()).isEmpty();
    }
    assertThat(kz.dataDir().resolve("tomcat").resolve("work")).isDirectory();
    assertThat(kz.dataDir().resolve("tomcat").resolve("docbase")).isEmptyDirectory();
  }
}
