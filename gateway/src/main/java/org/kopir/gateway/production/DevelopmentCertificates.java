package org.kopir.gateway.production;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.kopir.gateway.crypto.NodeCredentialPolicy;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * In the production profile a certificate reload refuses the published development PKI too, as the
 * start does ({@link ProductionChecks}): otherwise replacing the own CA file and the node's files
 * with {@code certs-dev/} and reloading would bring it in without a restart.
 */
@Component
@Profile(ProductionChecks.PROFILE)
public class DevelopmentCertificates implements NodeCredentialPolicy {

  private final DevelopmentKeys development = DevelopmentKeys.shipped();

  @Override
  public Optional<String> objection(X509Certificate certificate) {
    return development
        .match(certificate)
        .map(known -> "the certificate is the development key material certs-dev/" + known);
  }
}
