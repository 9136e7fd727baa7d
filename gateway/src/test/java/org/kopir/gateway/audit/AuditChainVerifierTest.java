package org.kopir.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.crypto.Canonicalizer;
import org.kopir.gateway.crypto.CmsSignatures;
import org.kopir.gateway.crypto.SigningCredential;
import org.kopir.gateway.testsupport.TestPki;

/** The verifier on in-memory exports: what the hash chain alone cannot catch, checkpoints do. */
class AuditChainVerifierTest {

  private static final TestPki PKI = TestPki.newCa("Audit");
  private static final SigningCredential AUDIT_KEY = PKI.issueSigner("kz-audit");
  private static final Instant T0 = Instant.parse("2026-11-22T10:15:00Z");

  private final AuditChainVerifier verifier = new AuditChainVerifier(PKI.caCertificate());

  private static List<ObjectNode> chain(int count) {
    List<ObjectNode> records = new ArrayList<>();
    String prev = AuditRecord.GENESIS_HASH;
    for (int seq = 1; seq <= count; seq++) {
      AuditRecord record =
          AuditRecord.chain(
              seq,
              T0.plusSeconds(seq),
              "kz",
              AuditEntry.of(AuditEvent.MESSAGE_SIGNED).detail("n", seq).build(),
              prev);
      records.add(record.toJson());
      prev = record.hash();
    }
    return records;
  }

  private static JsonNode checkpoint(ObjectNode record, SigningCredential key) {
    ObjectNode body = AuditJson.mapper().createObjectNode();
    body.put("node", "kz");
    body.put("seq", record.get("seq").asLong());
    body.put("hash", record.get("hash").asText());
    body.put("time", "2026-11-22T10:16:00.000Z");
    byte[] signature = CmsSignatures.signDetached(Canonicalizer.canonicalBytes(body), key);
    ObjectNode line = AuditJson.mapper().createObjectNode();
    line.set("checkpoint", body);
    line.putObject("signature")
        .put("format", "cms-detached-v1")
        .put("value", Base64.getEncoder().encodeToString(signature));
    return line;
  }

  private VerificationReport verify(List<ObjectNode> records, List<JsonNode> checkpoints) {
    return verifier.verify(
        records.stream().map(r -> (JsonNode) r).iterator(), List.copyOf(checkpoints));
  }

  /** Recomputes every hash from {@code from} on, as an intruder who knows the rule would. */
  private static void rehash(List<ObjectNode> records, int fromIndex) {
    for (int i = fromIndex; i < records.size(); i++) {
      ObjectNode record = records.get(i);
      if (i > 0) {
        record.put("prevHash", records.get(i - 1).get("hash").asText());
      }
      record.put("hash", AuditRecord.hashOf(record));
    }
  }

  @Test
  void intactChainWithCheckpointVerifies() {
    List<ObjectNode> records = chain(6);

    VerificationReport report = verify(records, List.of(checkpoint(records.get(5), AUDIT_KEY)));

    assertThat(report.intact()).isTrue();
    assertThat(report.verifiedThroughSeq()).isEqualTo(6);
    assertThat(report.summary()).startsWith("OK: 6 records verified");
  }

  @Test
  void rewrittenAndRehashedChainIsCaughtByTheSignedCheckpoint() {
    List<ObjectNode> records = chain(6);
    JsonNode checkpoint = checkpoint(records.get(5), AUDIT_KEY);
    records.get(2).put("actor", "agency:kg-cpd");
    rehash(records, 2);

    VerificationReport report = verify(records, List.of(checkpoint));

    assertThat(report.firstBadSeq()).isEqualTo(6);
    assertThat(report.reason()).contains("names another hash");
  }

  @Test
  void checkpointSignedOutsideTheAuditCaIsRefused() {
    List<ObjectNode> records = chain(4);
    SigningCredential intruder = TestPki.newCa("Intruder").issueSigner("kz-audit");

    VerificationReport report = verify(records, List.of(checkpoint(records.get(1), intruder)));

    assertThat(report.firstBadSeq()).isEqualTo(2);
    assertThat(report.reason()).contains("does not chain to the audit CA");
  }

  @Test
  void chainStartingAfterSeqOneNeedsAnAnchoringCheckpoint() {
    List<ObjectNode> records = chain(6);
    JsonNode anchor = checkpoint(records.get(2), AUDIT_KEY);
    List<ObjectNode> tail = records.subList(3, 6);

    assertThat(verify(tail, List.of(anchor)).intact()).isTrue();
    VerificationReport unanchored = verify(tail, List.of());
    assertThat(unanchored.firstBadSeq()).isEqualTo(4);
    assertThat(unanchored.reason()).contains("no valid checkpoint at seq 3");
  }

  @Test
  void recordWithExtraMemberIsRefused() {
    List<ObjectNode> records = chain(3);
    records.get(1).put("note", "x");
    records.get(1).put("hash", AuditRecord.hashOf(records.get(1)));
    rehash(records, 2);

    assertThat(verify(records, List.of()).firstBadSeq()).isEqualTo(2);
  }

  @Test
  void lowestBadSeqWinsOverALaterRecordProblem() {
    List<ObjectNode> records = chain(6);
    JsonNode checkpoint = checkpoint(records.get(1), AUDIT_KEY);
    ((ObjectNode) checkpoint.get("checkpoint")).put("time", "2030-01-01T00:00:00.000Z");
    records.get(4).put("actor", "x");

    VerificationReport report = verify(records, List.of(checkpoint));

    assertThat(report.firstBadSeq()).isEqualTo(2);
    assertThat(report.verifiedThroughSeq()).isEqualTo(1);
  }
}
