package org.kopir.gateway.crypto;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The node's own credentials that can be rolled over while it runs: the message and receipt signing
 * credential, the TLS credential (border server and client) and the own CA certificates the two
 * must chain to (more than one while the own CA rolls over).
 */
public record NodeCredentials(
    SigningCredential signing, SigningCredential tls, List<X509Certificate> ownCas) {

  public NodeCredentials {
    if (signing == null || tls == null || ownCas == null || ownCas.isEmpty()) {
      throw new IllegalArgumentException("node credentials need signing, TLS and an own CA");
    }
    ownCas = List.copyOf(ownCas);
  }
}
