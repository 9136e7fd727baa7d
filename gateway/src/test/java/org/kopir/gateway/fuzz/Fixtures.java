package org.kopir.gateway.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.kopir.gateway.crypto.CryptoMaterial;
import org.kopir.gateway.crypto.DevPkiFixture;
import org.kopir.gateway.crypto.MessageSigner;
import org.kopir.gateway.crypto.SignedMessageVerifier;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.TemporaryDirectories;
import org.kopir.gateway.testsupport.TestPartners;
import org.kopir.gateway.validation.EnvelopeValidator;
import org.kopir.gateway.validation.MessageSchemas;

/** Fixtures the fuzz targets build once per JVM, never per input. */
final class Fixtures {

  /**
   * Seconds one input may take before it counts as a hang (libFuzzer's -timeout when fuzzing).
   * Inputs take milliseconds; the margin is for a first input on a busy two-core machine (a valid
   * signed border request was once seen to take 15 s there right after the warm-up).
   */
  static final long TIMEOUT_SECONDS = 30;

  private static MessageSchemas schemas;
  private static Pki pki;

  /**
   * A throw-away two-node PKI ({@link DevPkiFixture}) and the crypto beans of node {@code kz} built
   * on it; {@code kg} is the partner whose signatures {@code kz} verifies.
   */
  record Pki(
      Path root,
      DevPkiFixture fixture,
      CryptoMaterial kz,
      CryptoMaterial kg,
      SignedMessageVerifier kzVerifier,
      MessageSigner kgSigner,
      MessageSigner kzSigner) {}

  private Fixtures() {}

  static synchronized MessageSchemas schemas() {
    if (schemas == null) {
      schemas = MessageSchemas.load(Path.of("schemas"));
    }
    return schemas;
  }

  static synchronized Pki pki() {
    if (pki == null) {
      Path root = TemporaryDirectories.untilExit("kopir-fuzz-pki");
      DevPkiFixture fixture = new DevPkiFixture(root);
      CryptoMaterial kz = fixture.material("kz");
      CryptoMaterial kg = fixture.material("kg");
      pki =
          new Pki(
              root,
              fixture,
              kz,
              kg,
              new SignedMessageVerifier(kz, fixture.cryptoProperties(), Clock.systemUTC()),
              new MessageSigner(kg),
              new MessageSigner(kz));
    }
    return pki;
  }

  /** The sample referral from kz-cpc to kg-cpd (docs/examples), with a fresh id and time. */
  static ObjectNode referralFromKz() {
    return Envelopes.referral();
  }

  /** The sample referral as kg would send it to kz: kg-cpd to kz-cpc, sent now. */
  static ObjectNode referralFromKg() {
    return Envelopes.referral("KG", "kg-cpd", "KZ", "kz-cpc");
  }

  /** A DELIVERED receipt from kg for {@code envelope}, issued now. */
  static ObjectNode receiptFromKg(ObjectNode envelope, String outcome) {
    ObjectNode receipt = JsonNodeFactory.instance.objectNode();
    receipt.put("receiptId", UUID.randomUUID().toString());
    receipt.put("messageId", envelope.path("header").path("messageId").asText());
    receipt.put("messageDigest", MessageSigner.digest(envelope));
    receipt.put("outcome", outcome);
    receipt.putNull("reason");
    receipt.put("at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    receipt.put("node", "kg");
    return receipt;
  }

  static byte[] json(JsonNode value) {
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }

  static NodeProperties node(String node) {
    return DevPkiFixture.nodeProperties(node);
  }

  /** The contents of the regular files in {@code directory}, in name order. */
  static Stream<byte[]> files(Path directory) {
    try (Stream<Path> listing = Files.list(directory)) {
      List<Path> files = listing.filter(Files::isRegularFile).sorted().toList();
      return files.stream().map(Fixtures::read);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static EnvelopeValidator validator(String node) {
    NodeProperties properties = node(node);
    return new EnvelopeValidator(schemas(), properties, TestPartners.partners(properties));
  }
}
