package org.kopir.gateway.error;

/** The stable catalogue of refusal codes (SPEC §10). Codes are published: extend, never rename. */
public enum ErrorCode {
  MALFORMED_JSON(400, "Malformed JSON"),
  SCHEMA_VIOLATION(422, "Schema violation"),
  UNKNOWN_MESSAGE_TYPE(422, "Unknown message type"),
  PAYLOAD_TOO_LARGE(413, "Payload too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
  NOT_AUTHENTICATED(401, "Not authenticated"),
  NOT_AUTHORIZED(403, "Not authorized"),
  UNKNOWN_RECIPIENT(422, "Unknown recipient"),
  SENDER_MISMATCH(403, "Sender mismatch"),
  DUPLICATE_ID(409, "Duplicate message id"),
  CONSENT_REQUIRED(422, "Consent required"),
  BAD_SIGNATURE(400, "Bad signature"),
  UNTRUSTED_CERTIFICATE(403, "Untrusted certificate"),
  CERTIFICATE_EXPIRED(403, "Certificate expired"),
  STALE_MESSAGE(422, "Stale message"),
  WRONG_RECIPIENT_NODE(422, "Wrong recipient node"),
  NOT_FOUND(404, "Not found"),
  METHOD_NOT_ALLOWED(405, "Method not allowed"),
  SERVICE_UNAVAILABLE(503, "Service unavailable"),
  INTERNAL_ERROR(500, "Internal error"),
  /** Schema-valid fields the message's purpose does not need (purpose profiles). */
  PURPOSE_LIMITATION(422, "Not needed for the purpose"),
  INVALID_PARAMETER(400, "Invalid parameter"),
  UNREADABLE_IDENTITY_BLOCK(422, "Unreadable identity block"),
  /** The header's sender is not a local agency of this node (or not of this node's country). */
  UNKNOWN_SENDER(422, "Unknown sender"),
  /** A SOAP request that is not well-formed or lacks the operation's elements. */
  MALFORMED_XML(400, "Malformed XML"),
  /** Only a dead-lettered message can be replayed; a partner's refusal is final. */
  NOT_REPLAYABLE(409, "Not replayable"),
  /**
   * On the border: a message or receipt signed by another partner node than the one that connected
   * (a partner relaying for another).
   */
  RELAYED_MESSAGE(403, "Relayed message"),
  /**
   * Consent for the case was withdrawn (or recorded as refused): only a message under legal basis
   * vital-interest with a recorded supervisor override, a consent update, a closure or a revoke may
   * still travel.
   */
  CONSENT_WITHDRAWN(422, "Consent withdrawn"),
  /** A consent update, closure or erasure about a case this node holds no message of. */
  UNKNOWN_CASE(422, "Unknown case"),
  /** A consent update, closure or erasure from an agency that is not a party to the case here. */
  NOT_CASE_PARTY(403, "Not a party to the case"),
  /** The case is closed, or erased: only consent updates and an erasure may still travel. */
  CASE_CLOSED(409, "Case closed"),
  /** A consent update that contradicts the consent recorded for the case. */
  CONSENT_CONFLICT(409, "Consent conflict"),
  /**
   * A key operation the key ring or key directory does not allow as it stands: destroying the
   * current pseudonym key or the one the partnership file names, a reload without the current key's
   * file, a malformed key file.
   */
  KEY_CONFLICT(409, "Key conflict"),
  /**
   * A reload of the node's own signing or TLS key material found the new files unusable
   * (unreadable, key not matching the certificate, not this node's, not issued by its CA, revoked,
   * outside its validity, wrong key usage); the material in use is kept.
   */
  CREDENTIALS_REJECTED(422, "Credentials rejected"),
  /**
   * The same message (same id and content) is being processed by another submission that has not
   * reached the queue within the wait: retry the same submission shortly. Not a refusal of the
   * message: the retry is answered like the first submission.
   */
  SUBMISSION_IN_PROGRESS(503, "Submission in progress");

  private final int httpStatus;
  private final String title;

  ErrorCode(int httpStatus, String title) {
    this.httpStatus = httpStatus;
    this.title = title;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String title() {
    return title;
  }
}
