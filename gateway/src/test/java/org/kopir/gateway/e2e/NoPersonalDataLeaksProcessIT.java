package org.kopir.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.crypto.DevPki;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.NodeProcess;
import org.kopir.gateway.testsupport.RecordingTlsProxy;
import org.kopir.gateway.testsupport.Referrals;

/**
 * Referrals carrying unique canary values (names in Cyrillic and Latin, KZ IIN, KG PIN, document
 * number, addresses, telephone, full birth date, free texts) travel kz → kg, one of them into the
 * dead-letter queue. Afterwards no canary may appear in clear, in UTF-8 or in the UTF-16 the broker
 * journal uses for text messages, anywhere the nodes wrote: process output, H2 files, Artemis
 * journal, bindings, paging and large-message files, the bytes that crossed the border (recorded by
 * a TLS proxy between the nodes), the audit exports and the status answers. The one place they may
 * appear is the inbox item of the {@code reveal-at-delivery} agency as served by {@code GET
 * /api/v1/inbox}, which is decrypted for that answer only.
 */
class NoPersonalDataLeaksProcessIT {

  private static final List<Charset> ENCODINGS =
      List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE);

  @TempDir Path work;
  private NodeProcess kz;
  private NodeProcess kg;
  private RecordingTlsProxy border;

  @AfterEach
  void stop() throws IOException {
    if (kz != null) {
      kz.close();
    }
    if (kg != null) {
      kg.close();
    }
    if (border != null) {
      border.close();
    }
  }

  @Test
  void noCanaryIsStoredLoggedOrSentInClearOutsideTheRevealedInboxAnswer() throws Exception {
    Assumptions.assumeTrue(
        NodeProcess.jarExists(),
        "needs " + NodeProcess.JAR + ": run through 'mvn verify' (failsafe runs after package)");
    Path pki = work.resolve("pki");
    DevPki.generate(pki, DevPki.DEMO, Instant.now(), false);
    kg = new NodeProcess("kg", work.resolve("kg"), pki).jvmArg("-Xmx384m");
    kz = new NodeProcess("kz", work.resolve("kz"), pki).jvmArg("-Xmx384m");
    kg.partner(kz).set("kopir.audit.checkpoint-interval", "2s").start();
    border =
        new RecordingTlsProxy(
            RecordingTlsProxy.nodeTls(pki, "kg"),
            RecordingTlsProxy.nodeTls(pki, "kz"),
            kg.ca(),
            Integer.parseInt(kg.borderUrl().substring(kg.borderUrl().lastIndexOf(':') + 1)));
    kz.set("kopir.partners.kg.border-url", border.url())
        .set("kopir.audit.checkpoint-interval", "2s")
        .set("kopir.broker.retry.high.initial-delay", "100ms")
        .set("kopir.broker.retry.high.max-delay", "200ms")
        .set("kopir.broker.retry.high.max-attempts", "3")
        .start();
    Http kzCpc = kz.agency("kz-cpc");
    Random random = new Random();
    Referrals.Identity revealed = Referrals.randomIdentity(random);
    Referrals.Identity sealed = Referrals.randomIdentity(random);
    Referrals.Identity deadLettered = Referrals.randomIdentity(random);

    border.refuse(true);
    ObjectNode toDeadLetter = Referrals.referral(deadLettered, "kg-cpd");
    assertThat(submit(kzCpc, toDeadLetter).status()).isEqualTo(202);
    // After its 3 attempts the broker moves it to the dead-letter queue and the node parks it.
    awaitStatus(kzCpc, Envelopes.messageId(toDeadLetter), "DEAD_LETTERED");
    border.refuse(false);
    ObjectNode toCpd = Referrals.referral(revealed, "kg-cpd");
    ObjectNode toGuardianship = Referrals.referral(sealed, "kg-bishkek-guardianship");
    assertThat(submit(kzCpc, toCpd).status()).isEqualTo(202);
    assertThat(submit(kzCpc, toGuardianship).status()).isEqualTo(202);
    awaitStatus(kzCpc, Envelopes.messageId(toCpd), "DELIVERED");
    awaitStatus(kzCpc, Envelopes.messageId(toGuardianship), "DELIVERED");

    String revealedInbox = kg.agency("kg-cpd").get(kg.localUrl() + "/api/v1/inbox").body();
    String sealedInbox =
        kg.agency("kg-bishkek-guardianship").get(kg.localUrl() + "/api/v1/inbox").body();
    // The canaries are real: the reveal-at-delivery agency gets every one of them back.
    assertThat(revealedInbox).contains(revealed.canaries().values());

    Path evidence = Files.createDirectories(work.resolve("evidence"));
    Files.writeString(evidence.resolve("kg-bishkek-guardianship-inbox.json"), sealedInbox);
    Files.write(evidence.resolve("border-bytes.bin"), border.recorded());
    for (ObjectNode envelope : List.of(toDeadLetter, toCpd, toGuardianship)) {
      String id = Envelopes.messageId(envelope);
      Files.writeString(
          evidence.resolve("status-" + id + ".json"),
          kzCpc.get(kz.localUrl() + "/api/v1/messages/" + id).body());
    }
    for (NodeProcess node : List.of(kz, kg)) {
      NodeProcess.CliResult audit = node.exportAndVerifyAudit(evidence);
      assertThat(audit.exitCode()).as(node.id() + " audit: " + audit.output()).isZero();
    }
    kz.stop();
    kg.stop();

    Map<String, String> canaries = new LinkedHashMap<>();
    for (var entry :
        Map.of("revealed", revealed, "sealed", sealed, "dead-lettered", deadLettered).entrySet()) {
      entry
          .getValue()
          .canaries()
          .forEach((label, value) -> canaries.put(entry.getKey() + " " + label, value));
    }
    List<Path> scanned = files(kz.dataDir(), kg.dataDir(), evidence);
    scanned.add(kz.logFile());
    scanned.add(kg.logFile());
    List<String> leaks = new ArrayList<>();
    for (Path file : scanned) {
      byte[] content = Files.readAllBytes(file);
      canaries.forEach(
          (label, value) -> {
            for (Charset encoding : ENCODINGS) {
              if (indexOf(content, value.getBytes(encoding)) >= 0) {
                leaks.add(label + " in " + work.relativize(file) + " (" + encoding + ")");
              }
            }
          });
    }
    // Positive controls: the scan does see inside the stores it claims to search.
    assertThat(containsAnywhere(files(kg.dataDir().resolve("artemis")), Envelopes.messageId(toCpd)))
        .as("kg's broker journal holds the undelivered inbox item")
        .isTrue();
    assertThat(containsAnywhere(files(kz.dataDir().resolve("db")), "referral.request"))
        .as("kz's database holds the message's audit records")
        .isTrue();
    assertThat(border.recorded()).isNotEmpty();
    System.out.printf(
        "leak scan: %d canaries x %d encodings over %d files (%d bytes); leaks: %s%n",
        canaries.size(),
        ENCODINGS.size(),
        scanned.size(),
        scanned.stream().mapToLong(NoPersonalDataLeaksProcessIT::size).sum(),
        leaks);
    assertThat(leaks).as("canaries found in clear").isEmpty();
  }

  private Http.Answer submit(Http agency, ObjectNode envelope) {
    return agency.postJson(kz.localUrl() + "/api/v1/messages", envelope.toString());
  }

  private void awaitStatus(Http agency, String id, String status) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              JsonNode answer = agency.get(kz.localUrl() + "/api/v1/messages/" + id).json();
              assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo(status);
            });
  }

  private static List<Path> files(Path... roots) throws IOException {
    List<Path> found = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile).forEach(found::add);
      }
    }
    return found;
  }

  private static boolean containsAnywhere(List<Path> files, String value) throws IOException {
    for (Path file : files) {
      byte[] content = Files.readAllBytes(file);
      for (Charset encoding : ENCODINGS) {
        if (indexOf(content, value.getBytes(encoding)) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
