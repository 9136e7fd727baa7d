package org.kopir.gateway.audit;

/** An audit record could not be made durable; the step that asked for it must not proceed. */
public class AuditWriteException extends RuntimeException {
  public AuditWriteException(String message, Throwable cause) {
    super(message, cause);
  }

  public AuditWriteException(String message) {
    super(message);
  }
}
