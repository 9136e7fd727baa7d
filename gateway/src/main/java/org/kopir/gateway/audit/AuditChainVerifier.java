package org.kopir.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.kopir.gateway.crypto.Canonicalizer;
import org.kopir.gateway.crypto.CmsSignatures;
import org.kopir.gateway.crypto.SignatureCheckException;
import org.kopir.gateway.crypto.VerifiedSignature;

/**
 * Verifies an exported audit chain with nothing but the node's audit CA certificate (SPEC §7): seq
 * without gaps, each {@code prevHash} equal to the previous {@code hash}, each {@code hash} equal
 * to the digest of its record, every checkpoint signature sound and issued under the CA, and every
 * checkpoint's hash equal to the record at its seq. A checkpoint beyond the last record reveals a
 * truncated tail. Records that do not start at seq 1 (after a retention purge, or a partial export)
 * must be anchored by a valid checkpoint at the seq just before the first record.
 *
 * <p>Plain Java: used by the offline command and by the node's own verify endpoint.
 */
public final class AuditChainVerifier {

  private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

  private final CheckpointTrust trust;

  public AuditChainVerifier(X509Certificate auditCa) {
    this.trust = new CheckpointTrust(auditCa);
  }

  public VerificationReport verify(Iterator<JsonNode> records, List<JsonNode> checkpointLines) {
    Run run = start(checkpointLines);
    while (records.hasNext() && run.accept(records.next())) {
      // accept() says when nothing further can change the result
    }
    return run.finish();
  }

  /** Starts an incremental verification; feed records in file order to the returned run. */
  public Run start(List<JsonNode> checkpointLines) {
    Run run = new Run();
    for (int i = 0; i < checkpointLines.size(); i++) {
      run.addCheckpoint(i + 1, checkpointLines.get(i));
    }
    return run;
  }

  /**
   * Why one checkpoint line would be rejected on its own (shape, signature, signer), or empty when
   * its signature verifies against the audit CA. Whether it matches the chain is not checked here.
   */
  public java.util.Optional<String> checkpointProblem(JsonNode line) {
    Run run = new Run();
    run.addCheckpoint(1, line);
    return java.util.Optional.ofNullable(run.failure).map(Failure::reason);
  }

  private record TrustedCheckpoint(long seq, String node, String hash) {}

  private record Failure(long seq, String reason) {}

  /** One verification in progress. */
  public final class Run {
    private final Map<Long, TrustedCheckpoint> checkpoints = new HashMap<>();
    private Failure failure;
    private long firstSeq;
    private long lastSeq;
    private String lastHash;
    private long recordsChecked;
    private int checkpointsMatched;

    private Run() {}

    private void fail(long seq, String reason) {
      if (failure == null || seq < failure.seq()) {
        failure = new Failure(seq, reason);
      }
    }

    private void addCheckpoint(int line, JsonNode json) {
      JsonNode body = json == null ? null : json.get("checkpoint");
      JsonNode signature = json == null ? null : json.get("signature");
      if (body == null || !body.isObject() || signature == null || !signature.isObject()) {
        fail(0, "checkpoint line " + line + " lacks a checkpoint object or a signature");
        return;
      }
      JsonNode seqNode = body.get("seq");
      if (seqNode == null || !seqNode.canConvertToExactIntegral() || seqNode.asLong() < 1) {
        fail(0, "checkpoint line " + line + " has no valid seq");
        return;
      }
      long seq = seqNode.asLong();
      String hash = body.path("hash").asText("");
      if (!HEX_64.matcher(hash).matches() || !body.path("node").isTextual()) {
        fail(seq, "checkpoint at seq " + seq + " is malformed");
        return;
      }
      if (!Checkpoint.SIGNATURE_FORMAT.equals(signature.path("format").asText())) {
        fail(seq, "checkpoint at seq " + seq + " has an unknown signature format");
        return;
      }
      try {
        byte[] der = Base64.getDecoder().decode(signature.path("value").asText(""));
        VerifiedSignature verified =
            CmsSignatures.verifyDetached(Canonicalizer.canonicalBytes(body), der);
        trust.requireTrusted(verified);
      } catch (IllegalArgumentException | SignatureCheckException e) {
        fail(seq, "checkpoint at seq " + seq + " has an invalid signature: " + e.getMessage());
        return;
      }
      TrustedCheckpoint checkpoint = new TrustedCheckpoint(seq, body.get("node").asText(), hash);
      TrustedCheckpoint other = checkpoints.putIfAbsent(seq, checkpoint);
      if (other != null && !other.hash().equals(hash)) {
        fail(seq, "two signed checkpoints at seq " + seq + " name different hashes");
      }
    }

    /**
     * Checks the next record. Returns false once the result is settled: a failure at or below the
     * records still to come has been found.
     */
    public boolean accept(JsonNode record) {
      long expected = recordsChecked == 0 ? 0 : lastSeq + 1;
      if (failure != null && failure.seq() <= expected) {
        return false;
      }
      JsonNode seqNode = record == null ? null : record.get("seq");
      if (seqNode == null || !seqNode.canConvertToExactIntegral()) {
        fail(Math.max(expected, 1), "record after seq " + lastSeq + " has no valid seq");
        return false;
      }
      long seq = seqNode.asLong();
      String expectedPrevHash;
      if (recordsChecked == 0) {
        expectedPrevHash = startOfChain(seq);
        if (expectedPrevHash == null) {
          return false;
        }
        firstSeq = seq;
      } else if (seq != expected) {
        fail(
            expected,
            seq > expected
                ? "record missing: seq " + seq + " follows seq " + lastSeq
                : "record out of order: seq " + seq + " follows seq " + lastSeq);
        return false;
      } else {
        expectedPrevHash = lastHash;
      }
      String problem = problemWith(record, expectedPrevHash);
      if (problem != null) {
        fail(seq, problem);
        return false;
      }
      String hash = record.get("hash").asText();
      TrustedCheckpoint checkpoint = checkpoints.get(seq);
      if (checkpoint != null) {
        if (!checkpoint.hash().equals(hash)) {
          fail(seq, "signed checkpoint at seq " + seq + " names another hash than the record");
          return false;
        }
        if (!checkpoint.node().equals(record.path("node").asText())) {
          fail(seq, "signed checkpoint at seq " + seq + " is from another node than the record");
          return false;
        }
        checkpointsMatched++;
      }
      recordsChecked++;
      lastSeq = seq;
      lastHash = hash;
      return failure == null || failure.seq() > seq + 1;
    }

    private String startOfChain(long seq) {
      if (seq == 1) {
        return AuditRecord.GENESIS_HASH;
      }
      TrustedCheckpoint anchor = checkpoints.get(seq - 1);
      if (anchor == null) {
        fail(
            seq,
            "records start at seq "
                + seq
                + " but no valid checkpoint at seq "
                + (seq - 1)
                + " anchors them");
        return null;
      }
      checkpointsMatched++;
      return anchor.hash();
    }

    private static String problemWith(JsonNode record, String expectedPrevHash) {
      for (String member : AuditRecord.MEMBERS) {
        if (!record.has(member)) {
          return "record lacks the member " + member;
        }
      }
      if (record.size() != AuditRecord.MEMBERS.size()) {
        return "record has members beyond the record format";
      }
      String hash = record.get("hash").asText("");
      if (!HEX_64.matcher(hash).matches()) {
        return "record hash is not 64 lower-case hex digits";
      }
      if (!expectedPrevHash.equals(record.get("prevHash").asText(""))) {
        return "prevHash does not equal the hash of the preceding record";
      }
      if (!hash.equals(AuditRecord.hashOf(record))) {
        return "hash does not match the record's content";
      }
      return null;
    }

    /** A line that could not be read as JSON where a record was expected. */
    public void acceptUnreadable() {
      fail(
          recordsChecked == 0 ? 1 : lastSeq + 1,
          "record after seq " + lastSeq + " is not valid JSON");
    }

    public VerificationReport finish() {
      long end = lastSeq;
      checkpoints.values().stream()
          .filter(checkpoint -> checkpoint.seq() > end)
          .mapToLong(TrustedCheckpoint::seq)
          .max()
          .ifPresent(
              beyond ->
                  fail(
                      end + 1,
                      "tail truncated: records end at seq "
                          + end
                          + " but a signed checkpoint vouches for seq "
                          + beyond));
      if (failure == null) {
        return new VerificationReport(
            true, firstSeq, lastSeq, null, null, recordsChecked, checkpointsMatched);
      }
      long verifiedThrough = Math.max(0, Math.min(lastSeq, failure.seq() - 1));
      return new VerificationReport(
          false,
          firstSeq,
          verifiedThrough,
          failure.seq(),
          failure.reason(),
          recordsChecked,
          checkpointsMatched);
    }
  }
}
