package org.kopir.gateway.crypto;

/** A signature that does not verify; the message says why, never what was signed. */
public class SignatureCheckException extends RuntimeException {
  public SignatureCheckException(String message) {
    super(message);
  }
}
