package org.kopir.gateway.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.validation.EnvelopeHeader;

/**
 * A message on its way through the intake pipeline, carried as an exchange property. The envelope
 * is transformed in place (pseudonymized, then signed); the raw form never leaves memory.
 */
public final class Submission {

  /** Exchange property under which the pipeline carries the submission. */
  public static final String PROPERTY = "kopirSubmission";

  private final EnvelopeHeader header;
  private final ObjectNode envelope;
  private final String contentDigest;
  private final String actor;
  private String caseToken;
  private String signedMessage;
  private String envelopeDigest;
  private Instant ledgerClaim;
  private final List<AuditEntry> stepRecords = new ArrayList<>();
  private AuditEntry received;

  public Submission(
      EnvelopeHeader header, ObjectNode envelope, String contentDigest, String actor) {
    this.header = header;
    this.envelope = envelope;
    this.contentDigest = contentDigest;
    this.actor = actor;
  }

  public EnvelopeHeader header() {
    return header;
  }

  public String messageId() {
    return header.messageId();
  }

  public ObjectNode envelope() {
    return envelope;
  }

  /** Hex SHA-256 of the canonical submitted envelope: the idempotency fingerprint. */
  public String contentDigest() {
    return contentDigest;
  }

  /** Who submitted it, as written in audit records ({@code agency:<id>}). */
  public String actor() {
    return actor;
  }

  public String caseToken() {
    return caseToken;
  }

  public void caseToken(String caseToken) {
    this.caseToken = caseToken;
  }

  /** The border form (SPEC §3) as it will be queued and sent. */
  public String signedMessage() {
    return signedMessage;
  }

  /** Hex SHA-256 of the canonical outgoing envelope, as receipts name it (SPEC §5). */
  public String envelopeDigest() {
    return envelopeDigest;
  }

  public void outgoing(String signedMessage, String envelopeDigest) {
    this.signedMessage = signedMessage;
    this.envelopeDigest = envelopeDigest;
  }

  /**
   * The {@code updated_at} this submission last wrote to the message's ledger row while it was
   * {@code RECEIVED}: its claim to process the message; null until it holds one.
   */
  Instant ledgerClaim() {
    return ledgerClaim;
  }

  void ledgerClaim(Instant claim) {
    this.ledgerClaim = claim;
  }

  /**
   * Keeps this submission's {@code message.received} record until the submission's next write to
   * the audit trail, which it precedes in the same commit: the registration of the message with its
   * step records, the answer to a repeat, or the refusal ({@link #takeReceived}).
   */
  public void received(AuditEntry entry) {
    this.received = entry;
  }

  /** The {@code message.received} record if it is not written yet, still kept. */
  List<AuditEntry> receivedRecords() {
    return received == null ? List.of() : List.of(received);
  }

  /**
   * The {@code message.received} record if it is not written yet, handed over once (empty
   * afterwards): whoever writes the submission's next records writes it first.
   */
  public List<AuditEntry> takeReceived() {
    if (received == null) {
      return List.of();
    }
    List<AuditEntry> taken = List.of(received);
    received = null;
    return taken;
  }

  /**
   * Keeps the audit record of a processing step (pseudonymized, signed) until the submission has
   * registered the message in the ledger: a concurrent submission of the same message that loses
   * the race never records its steps, and the message's trail has each step once.
   */
  public void recordOnRegistration(AuditEntry entry) {
    stepRecords.add(entry);
  }

  /** The step records kept so far, still kept. */
  List<AuditEntry> stepRecords() {
    return List.copyOf(stepRecords);
  }

  /** The step records kept so far, handed over once; the submission keeps none afterwards. */
  List<AuditEntry> takeStepRecords() {
    List<AuditEntry> taken = List.copyOf(stepRecords);
    stepRecords.clear();
    return taken;
  }
}
