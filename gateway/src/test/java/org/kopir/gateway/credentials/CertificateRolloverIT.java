package org.kopir.gateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kopir.gateway.testsupport.NodeProcess.sleep;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.crypto.CertificateAuthority;
import org.kopir.gateway.testsupport.DemoPki;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.NodeCertificates;
import org.kopir.gateway.testsupport.TestNode;

/**
 * kz's signing and TLS certificates are replaced (renewed from the kz CA) on the running node while
 * referrals flow to kg: none is refused, what is signed after the switch carries the new signature,
 * what was signed before it and still waits in the queue is accepted all the same, and kz's border
 * presents the new TLS certificate.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CertificateRolloverIT {

  private static final String RELOAD = "/api/v1/node/credentials/reload";

  @TempDir static Path data;
  static Path kzKeys;
  static TestNode kz;
  static TestNode kg;
  static Http kzCpc;
  static Http kgCpd;
  static Http operator;

  @BeforeAll
  static void startNodes() {
    kzKeys = NodeCertificates.copyCurrent(DemoPki.root(), "kz", data.resolve("kz-keys"));
    kz = new TestNode("kz", data.resolve("kz"));
    kg = new TestNode("kg", data.resolve("kg"));
    kz.set("kopir.crypto.signing.key-file", kzKeys.resolve("node-signing.key"))
        .set("kopir.crypto.signing.certificate-file", kzKeys.resolve("node-signing.crt"))
        .set("kopir.crypto.tls.key-file", kzKeys.resolve("node-tls.key"))
        .set("kopir.crypto.tls.certificate-file", kzKeys.resolve("node-tls.crt"));
    kz.partner(kg);
    kg.partner(kz);
    kg.start();
    kz.start();
    kzCpc = kz.agency("kz-cpc");
    kgCpd = kg.agency("kg-cpd");
    operator = kz.person("operator");
  }

  @AfterAll
  static void stopNodes() {
    if (kz != null) {
      kz.stop();
    }
    if (kg != null) {
      kg.stop();
    }
  }

  @Test
  @Order(1)
  void referralsSubmittedWhileTheCertificatesRollOverAreAllDeliveredAndLaterOnesCarryTheNewOnes()
      throws Exception {
    BigInteger oldSigning = signingSerialInUse();
    List<String> beforeSwitch = Collections.synchronizedList(new ArrayList<>());
    List<String> afterSwitch = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean switched = new AtomicBoolean();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sender =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (running.get()) {
                    boolean after = switched.get();
                    String id = submitReferral();
                    (after ? afterSwitch : beforeSwitch).add(id);
                    sleep(100);
                  }
                });
    await().atMost(Duration.ofSeconds(30)).until(() -> beforeSwitch.size() >= 5);
    NodeCertificates.Issued renewed = NodeCertificates.renew(kzCa(), "kz", kzKeys);

    Http.Answer reload = operator.post(kz.localUrl() + RELOAD, "application/json", new byte[0]);
    switched.set(true);
    await().atMost(Duration.ofSeconds(30)).until(() -> afterSwitch.size() >= 5);
    running.set(false);
    sender.join(30_000);

    assertThat(reload.status()).isEqualTo(200);
    assertThat(reload.json().at("/signing/replaced").asBoolean()).isTrue();
    assertThat(reload.json().at("/tls/replaced").asBoolean()).isTrue();
    assertThat(reload.json().at("/signing/serial").asText())
        .isEqualTo(hex(renewed.signing().certificate().getSerialNumber()));
    List<String> all = new ArrayList<>(beforeSwitch);
    all.addAll(afterSwitch);
    all.forEach(id -> kz.awaitStatus(kzCpc, id, "DELIVERED"));
    Map<String, BigInteger> signers = signersAtKg();
    assertThat(signers).containsKeys(all.toArray(String[]::new));
    assertThat(afterSwitch)
        .allSatisfy(
            id ->
                assertThat(signers.get(id))
                    .isEqualTo(renewed.signing().certificate().getSerialNumber()));
    assertThat(signers.get(beforeSwitch.get(0))).isEqualTo(oldSigning);
    assertThat(
            NodeCertificates.serverCertificate(kz.borderPort(), DemoPki.nodeTls("kg"))
                .getSerialNumber())
        .isEqualTo(renewed.tls().certificate().getSerialNumber());
    assertThat(
            NodeCertificates.serverCertificate(
                    java.net.URI.create(kz.localUrl()).getPort(), DemoPki.agency("kz", "kz-cpc"))
                .getSerialNumber())
        .isEqualTo(renewed.tls().certificate().getSerialNumber());
    JsonNode rotated =
        kz.person("auditor")
            .get(kz.localUrl() + "/api/v1/audit/records?event=key.rotated&size=50")
            .json()
            .path("records");
    List<String> keyTypes = new ArrayList<>();
    rotated.forEach(record -> keyTypes.add(record.at("/detail/keyType").asText()));
    assertThat(keyTypes).contains("signing", "tls");
    JsonNode certificates =
        operator.get(kz.localUrl() + "/actuator/health/certificates").json().path("details");
    assertThat(certificates.at("/certificates/signing/notAfter").asText())
        .isEqualTo(renewed.signing().certificate().getNotAfter().toInstant().toString());
  }

  @Test
  @Order(2)
  void messagesSignedWithTheOldCertificateAndStillQueuedAreAcceptedAfterTheSwitch() {
    BigInteger oldSigning = signingSerialInUse();
    kg.stop();
    List<String> queued = List.of(submitReferral(), submitReferral());
    queued.forEach(id -> kz.awaitStatus(kzCpc, id, "WAITING_FOR_RETRY"));
    NodeCertificates.Issued renewed = NodeCertificates.renew(kzCa(), "kz", kzKeys);
    assertThat(operator.post(kz.localUrl() + RELOAD, "application/json", new byte[0]).status())
        .isEqualTo(200);

    kg.start();
    String afterRestart = submitReferral();

    queued.forEach(id -> kz.awaitStatus(kzCpc, id, "DELIVERED"));
    kz.awaitStatus(kzCpc, afterRestart, "DELIVERED");
    Map<String, BigInteger> signers = signersAtKg();
    assertThat(queued).allSatisfy(id -> assertThat(signers.get(id)).isEqualTo(oldSigning));
    assertThat(signers.get(afterRestart))
        .isEqualTo(renewed.signing().certificate().getSerialNumber());
  }

  @Test
  @Order(3)
  void aKeyThatDoesNotMatchItsCertificateIsRejectedAndTheNodeKeepsSigningWithTheCurrentOne()
      throws Exception {
    BigInteger current = signingSerialInUse();
    Path saved = Files.copy(kzKeys.resolve("node-signing.key"), data.resolve("saved.key"));
    NodeCertificates.renew(kzCa(), "kz", kzKeys);
    Files.copy(saved, kzKeys.resolve("node-signing.key"), StandardCopyOption.REPLACE_EXISTING);

    Http.Answer rejected = operator.post(kz.localUrl() + RELOAD, "application/json", new byte[0]);
    String id = submitReferral();

    assertThat(rejected.status()).isEqualTo(422);
    assertThat(rejected.json().path("code").asText()).isEqualTo("CREDENTIALS_REJECTED");
    assertThat(rejected.json().toString()).contains("/signing");
    kz.awaitStatus(kzCpc, id, "DELIVERED");
    assertThat(signersAtKg().get(id)).isEqualTo(current);
  }

  @Test
  @Order(4)
  void onlyAnOperatorMayReloadTheCredentials() {
    assertThat(
            kz.person("auditor")
                .post(kz.localUrl() + RELOAD, "application/json", new byte[0])
                .status())
        .isEqualTo(403);
    assertThat(kzCpc.post(kz.localUrl() + RELOAD, "application/json", new byte[0]).status())
        .isEqualTo(403);
  }

  private static String submitReferral() {
    var envelope = Envelopes.referral();
    Http.Answer answer = kzCpc.postJson(kz.localUrl() + "/api/v1/messages", envelope.toString());
    assertThat(answer.status()).isEqualTo(202);
    return Envelopes.messageId(envelope);
  }

  /** The serial of kz's signing certificate in use, as its health reports the certificate. */
  private static BigInteger signingSerialInUse() {
    return kz.bean(org.kopir.gateway.crypto.CryptoMaterial.class)
        .signing()
        .certificate()
        .getSerialNumber();
  }

  /** Each message in kg-cpd's inbox by id, with the serial of the certificate that signed it. */
  private static Map<String, BigInteger> signersAtKg() {
    Map<String, BigInteger> signers = new HashMap<>();
    kgCpd
        .get(kg.localUrl() + "/api/v1/inbox?limit=100")
        .json()
        .path("items")
        .forEach(
            item ->
                signers.put(
                    item.path("messageId").asText(),
                    NodeCertificates.signer(item.path("signedMessage"), "envelope")
                        .getSerialNumber()));
    return signers;
  }

  private static CertificateAuthority kzCa() {
    return CertificateAuthority.load(DemoPki.root().resolve("kz"));
  }

  private static String hex(BigInteger serial) {
    return serial.toString(16).toUpperCase(java.util.Locale.ROOT);
  }
}
