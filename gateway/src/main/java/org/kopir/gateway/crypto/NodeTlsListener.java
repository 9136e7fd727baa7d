package org.kopir.gateway.crypto;

/**
 * Told when the node TLS credential was rolled over, for TLS endpoints that keep their own copy of
 * the key (the border and local API connectors). Handshakes of {@link TlsMaterial}'s client
 * contexts read the current credential themselves and need no listener.
 */
public interface NodeTlsListener {

  /**
   * Puts {@code next} in use for new handshakes where {@code previous} was presented.
   *
   * @throws RuntimeException when the endpoint cannot take it; the rollover is then undone
   */
  void nodeTlsChanged(SigningCredential previous, SigningCredential next);
}
