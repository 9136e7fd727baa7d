package org.kopir.gateway.crypto;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * A deployment's own objection to a certificate a reload would put in use (the production profile
 * refuses the published development PKI), beside the checks every node makes ({@link
 * NodeCredentialCheck}).
 */
public interface NodeCredentialPolicy {

  /** Why {@code certificate} must not be used, or empty when it may. */
  Optional<String> objection(X509Certificate certificate);
}
