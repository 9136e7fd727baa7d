package org.kopir.gateway.error;

import java.util.List;

/**
 * A refusal with a stable code. Messages must never contain personal data: they name fields by JSON
 * pointer, never by value.
 */
public class KopirException extends RuntimeException {

  private final ErrorCode code;
  private final transient List<FieldError> errors;

  public KopirException(ErrorCode code, String detail) {
    this(code, detail, List.of());
  }

  public KopirException(ErrorCode code, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.code = code;
    this.errors = List.copyOf(errors);
  }

  public ErrorCode code() {
    return code;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
