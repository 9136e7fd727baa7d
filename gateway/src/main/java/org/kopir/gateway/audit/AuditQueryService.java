package org.kopir.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads of the audit trail: a message's timeline, auditor search, JSON Lines export, checkpoints
 * and the node's own integrity check. Auditing who read is the caller's job ({@link
 * AuditController}); a message timeline shown to its sender is part of the message status, not a
 * read of the audit by an auditor.
 */
public class AuditQueryService {

  public static final int MAX_PAGE_SIZE = 500;

  private final AuditStore store;
  private final Supplier<X509Certificate> trustAnchor;

  public AuditQueryService(AuditStore store, Supplier<X509Certificate> trustAnchor) {
    this.store = store;
    this.trustAnchor = trustAnchor;
  }

  /** Every record of one message, in seq order. */
  public List<AuditRecord> timeline(String messageId) {
    return store.byMessageId(messageId);
  }

  public AuditPage search(AuditQuery query, int page, int size) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("page must be >= 0 and size 1.." + MAX_PAGE_SIZE);
    }
    return store.search(query, page, size);
  }

  /** The seq of the newest durable record, 0 when there is none. */
  public long lastSeq() {
    return store.lastRecord().map(AuditRecord::seq).orElse(0L);
  }

  /** Writes records {@code fromSeq..toSeq} as JSON Lines; returns how many were written. */
  public long export(long fromSeq, long toSeq, OutputStream out) {
    long[] written = {0};
    store.forEachRecord(
        fromSeq,
        toSeq,
        record -> {
          writeLine(record.toJson(), out);
          written[0]++;
        });
    return written[0];
  }

  public List<Checkpoint> checkpoints(long fromSeq, long toSeq) {
    return store.checkpoints(fromSeq, toSeq);
  }

  /** Writes checkpoints as JSON Lines. */
  public void exportCheckpoints(long fromSeq, long toSeq, OutputStream out) {
    for (Checkpoint checkpoint : checkpoints(fromSeq, toSeq)) {
      writeLine(checkpoint.toJson(), out);
    }
  }

  /** Verifies the stored chain and checkpoints exactly as an auditor verifies an export. */
  public VerificationReport verify() {
    List<JsonNode> checkpointLines =
        store.checkpoints(0, Long.MAX_VALUE).stream().map(c -> (JsonNode) c.toJson()).toList();
    AuditChainVerifier.Run run = new AuditChainVerifier(trustAnchor.get()).start(checkpointLines);
    try {
      store.forEachRecord(
          0,
          Long.MAX_VALUE,
          record -> {
            if (!run.accept(record.toJson())) {
              throw new SettledEarly();
            }
          });
    } catch (SettledEarly settled) {
      // The first bad seq is known; the rest of the chain cannot change it.
    }
    return run.finish();
  }

  /** Why {@code checkpoint}'s signature does not verify, or empty when it does. */
  public java.util.Optional<String> checkpointProblem(Checkpoint checkpoint) {
    return new AuditChainVerifier(trustAnchor.get()).checkpointProblem(checkpoint.toJson());
  }

  private static void writeLine(JsonNode json, OutputStream out) {
    try {
      out.write(AuditJson.write(json).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class SettledEarly extends RuntimeException {
    SettledEarly() {
      super(null, null, false, false);
    }
  }
}
