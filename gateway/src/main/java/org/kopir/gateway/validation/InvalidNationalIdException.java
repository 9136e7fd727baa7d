package org.kopir.gateway.validation;

/** A national id that fails its structural checks; the message names the fault, never the id. */
public class InvalidNationalIdException extends Exception {

  public InvalidNationalIdException(String reason) {
    super(reason, null, false, false);
  }
}
