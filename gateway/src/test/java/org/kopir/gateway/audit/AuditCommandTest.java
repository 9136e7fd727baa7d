package org.kopir.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.crypto.Canonicalizer;
import org.kopir.gateway.crypto.CmsSignatures;
import org.kopir.gateway.crypto.SigningCredential;
import org.kopir.gateway.testsupport.TestPki;

/** {@code audit verify} as run from the jar: files in, exit code and first bad seq out. */
class AuditCommandTest {

  private static final TestPki PKI = TestPki.newCa("Audit");
  private static final SigningCredential AUDIT_KEY = PKI.issueSigner("kz-audit");

  @TempDir Path dir;

  private List<String> records(int count) {
    List<String> lines = new ArrayList<>();
    String prev = AuditRecord.GENESIS_HASH;
    for (int seq = 1; seq <= count; seq++) {
      AuditRecord record =
          AuditRecord.chain(
              seq,
              Instant.parse("2026-11-22T10:15:00Z"),
              "kz",
              AuditEntry.of(AuditEvent.MESSAGE_QUEUED).build(),
              prev);
      lines.add(AuditJson.write(record.toJson()));
      prev = record.hash();
    }
    return lines;
  }

  private String checkpointArray(String recordLine) {
    var record = AuditJson.parseObject(recordLine);
    Checkpoint unsigned =
        new Checkpoint(
            "kz",
            record.get("seq").asLong(),
            record.get("hash").asText(),
            Instant.parse("2026-11-22T10:16:00Z"),
            null);
    String signature =
        java.util.Base64.getEncoder()
            .encodeToString(
                CmsSignatures.signDetached(
                    Canonicalizer.canonicalBytes(unsigned.body()), AUDIT_KEY));
    Checkpoint signed =
        new Checkpoint("kz", unsigned.seq(), unsigned.hash(), unsigned.time(), signature);
    return "[" + AuditJson.write(signed.toJson()) + "]";
  }

  private AuditTestFiles.CliResult run(List<String> records, String checkpoints) throws Exception {
    Path recordsFile = Files.write(dir.resolve("records.jsonl"), records);
    Path checkpointsFile = Files.writeString(dir.resolve("checkpoints.json"), checkpoints);
    Path ca = AuditTestFiles.writePem(dir.resolve("ca.pem"), PKI.caCertificate());
    return AuditTestFiles.runVerify(recordsFile, checkpointsFile, ca);
  }

  @Test
  void intactExportExitsZero() throws Exception {
    List<String> records = records(5);

    var result = run(records, checkpointArray(records.get(4)));

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("OK: 5 records verified (seq 1..5), 1 checkpoints matched");
  }

  @Test
  void unreadableLineExitsOneNamingItsSeq() throws Exception {
    List<String> records = records(5);
    records.set(2, "{not json");

    var result = run(records, "[]");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("FAILED at seq 3");
  }

  @Test
  void truncatedExportExitsOne() throws Exception {
    List<String> records = records(5);
    String checkpoints = checkpointArray(records.get(4));

    var result = run(records.subList(0, 3), checkpoints);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("FAILED at seq 4: tail truncated");
  }

  @Test
  void missingCaFileExitsOne() throws Exception {
    Path recordsFile = Files.write(dir.resolve("r.jsonl"), records(1));
    Path checkpointsFile = Files.writeString(dir.resolve("c.jsonl"), "");

    var result = AuditTestFiles.runVerify(recordsFile, checkpointsFile, dir.resolve("missing.pem"));

    assertThat(result.exitCode()).isEqualTo(1);
  }
}
