package org.kopir.gateway.validation;

import java.util.ArrayList;
import java.util.List;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;

/** What the rules found wrong with one envelope, each finding with its own refusal code. */
public final class Findings {

  /**
   * When findings carry different codes, the refusal names the first of these present: content
   * faults first (the sender must fix the document anyway), then routing, then consent.
   */
  private static final List<ErrorCode> PRECEDENCE =
      List.of(
          ErrorCode.SCHEMA_VIOLATION,
          ErrorCode.UNKNOWN_SENDER,
          ErrorCode.UNKNOWN_RECIPIENT,
          ErrorCode.CONSENT_REQUIRED);

  private record Finding(ErrorCode code, FieldError error) {}

  private final List<Finding> findings = new ArrayList<>();

  public void add(ErrorCode code, String pointer, String message) {
    findings.add(new Finding(code, new FieldError(pointer, message)));
  }

  public boolean isEmpty() {
    return findings.isEmpty();
  }

  /** Throws the refusal for the highest-precedence code, listing every error with that code. */
  void throwIfAny() {
    if (findings.isEmpty()) {
      return;
    }
    ErrorCode code = mostSignificantCode();
    List<FieldError> errors =
        findings.stream().filter(f -> f.code() == code).map(Finding::error).toList();
    throw new KopirException(code, detail(code), errors);
  }

  private ErrorCode mostSignificantCode() {
    for (ErrorCode code : PRECEDENCE) {
      if (findings.stream().anyMatch(f -> f.code() == code)) {
        return code;
      }
    }
    return findings.getFirst().code();
  }

  private static String detail(ErrorCode code) {
    return switch (code) {
      case SCHEMA_VIOLATION -> "The envelope violates a message rule.";
      case UNKNOWN_SENDER -> "The sender is not an agency of this node.";
      case UNKNOWN_RECIPIENT -> "The recipient is not an agency of the partner node.";
      case CONSENT_REQUIRED -> "Consent, or a recorded supervisor override, is required.";
      default -> code.title() + ".";
    };
  }
}
