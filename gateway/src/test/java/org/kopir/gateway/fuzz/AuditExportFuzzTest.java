package org.kopir.gateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kopir.gateway.audit.AuditJson;
import org.kopir.gateway.audit.AuditRecord;
import org.kopir.gateway.audit.Checkpoint;
import org.kopir.gateway.cli.KopirCommand;
import org.kopir.gateway.crypto.Canonicalizer;
import org.kopir.gateway.crypto.CmsSignatures;
import org.kopir.gateway.crypto.SigningCredential;
import org.kopir.gateway.testsupport.TemporaryDirectories;
import org.kopir.gateway.testsupport.TestPki;
import picocli.CommandLine;

/**
 * The offline audit verifier ({@code audit verify}, docs/audit.md) on an export an auditor was
 * handed: the input is the records file (JSON Lines), a NUL byte, then the checkpoints file (JSON
 * Lines or an array). Both are written to disk and the command runs as from the jar. Its contract:
 * exit 0 (intact) or 1 (not intact or unreadable, with a message), never an exception.
 */
class AuditExportFuzzTest {

  private static final TestPki PKI = TestPki.newCa("Audit");
  private static final SigningCredential AUDIT_KEY = PKI.issueSigner("kz-audit");
  private static final Path DIR = TemporaryDirectories.untilExit("kopir-fuzz-audit");
  private static final Path RECORDS = DIR.resolve("records.jsonl");
  private static final Path CHECKPOINTS = DIR.resolve("checkpoints.json");
  private static final Path CA = DIR.resolve("ca.pem");
  private static final int UNEXPECTED = 70;
  private static final AtomicReference<Exception> THROWN = new AtomicReference<>();
  private static final StringWriter OUTPUT = new StringWriter();
  private static final CommandLine COMMAND = command();

  /** An intact export of three records and a checkpoint, as lines, and variants of it. */
  static Stream<Arguments> exports() {
    List<String> records = new ArrayList<>();
    String prev = AuditRecord.GENESIS_HASH;
    for (int seq = 1; seq <= 3; seq++) {
      ObjectNode detail = AuditJson.mapper().createObjectNode().put("messageDigest", "00");
      AuditRecord unhashed =
          new AuditRecord(
              seq,
              Instant.parse("2026-11-22T10:15:00Z"),
              "kz",
              "message.queued",
              "0193a4c2-7f3e-7cc1-9b5e-3a2f1c0d9e88",
              "referral.request",
              "case.k1.znod6ocixi2ywm5pajk6at42pq",
              "agency:kz-cpc",
              "ok",
              detail,
              prev,
              null);
      ObjectNode json = unhashed.toJson();
      json.put("hash", AuditRecord.hashOf(json));
      records.add(AuditJson.write(json));
      prev = json.get("hash").asText();
    }
    Checkpoint unsigned =
        new Checkpoint("kz", 3, prev, Instant.parse("2026-11-22T10:16:00Z"), null);
    String signature =
        Base64.getEncoder()
            .encodeToString(
                CmsSignatures.signDetached(
                    Canonicalizer.canonicalBytes(unsigned.body()), AUDIT_KEY));
    String checkpoint =
        AuditJson.write(new Checkpoint("kz", 3, prev, unsigned.time(), signature).toJson());
    String lines = String.join("\n", records) + "\n";
    return Stream.of(
            export(lines, checkpoint + "\n"),
            export(lines, "[" + checkpoint + "]"),
            export(String.join("\n", records.subList(1, 3)), checkpoint),
            export(lines, ""))
        .map(Arguments::of);
  }

  @MethodSource("exports")
  @FuzzTest
  @Timeout(value = Fixtures.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void verifyExport(byte[] export) throws Exception {
    int separator = indexOf(export, (byte) 0);
    byte[] records = separator < 0 ? export : Arrays.copyOfRange(export, 0, separator);
    byte[] checkpoints =
        separator < 0 ? new byte[0] : Arrays.copyOfRange(export, separator + 1, export.length);
    Files.write(RECORDS, records);
    Files.write(CHECKPOINTS, checkpoints);
    THROWN.set(null);
    Contract.boundedAllocation(
        () -> {
          int exit =
              COMMAND.execute(
                  "audit",
                  "verify",
                  "--records",
                  RECORDS.toString(),
                  "--checkpoints",
                  CHECKPOINTS.toString(),
                  "--ca",
                  CA.toString());
          if (THROWN.get() != null) {
            throw THROWN.get();
          }
          assertThat(exit).isIn(0, 1);
        });
    OUTPUT.getBuffer().setLength(0);
  }

  private static byte[] export(String records, String checkpoints) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(records.getBytes(StandardCharsets.UTF_8));
    bytes.write(0);
    bytes.writeBytes(checkpoints.getBytes(StandardCharsets.UTF_8));
    return bytes.toByteArray();
  }

  private static int indexOf(byte[] bytes, byte value) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static CommandLine command() {
    try (var writer = Files.newBufferedWriter(CA);
        JcaPEMWriter pem = new JcaPEMWriter(writer)) {
      pem.writeObject(PKI.caCertificate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CommandLine command = new CommandLine(new KopirCommand());
    command.setOut(new PrintWriter(OUTPUT, true));
    command.setErr(new PrintWriter(OUTPUT, true));
    command.setExecutionExceptionHandler(
        (exception, commandLine, parseResult) -> {
          THROWN.set(exception);
          return UNEXPECTED;
        });
    return command;
  }
}
