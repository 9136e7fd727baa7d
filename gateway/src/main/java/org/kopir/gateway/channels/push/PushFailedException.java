package org.kopir.gateway.channels.push;

/** A push the agency did not accept; the broker retries it later. Messages hold no content. */
public class PushFailedException extends RuntimeException {

  public PushFailedException(String message) {
    super(message, null, false, false);
  }
}
