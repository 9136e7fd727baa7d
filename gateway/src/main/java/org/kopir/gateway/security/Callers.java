package org.kopir.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who is calling, read from the request itself, so that it holds whichever thread runs the route
 * (the node's platform-http routes run on the servlet's, http.InlinePlatformHttpConsumer; Camel's
 * own consumer runs them on another), without relying on the security context's thread-local.
 */
public final class Callers {

  private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

  private Callers() {}

  /** The CN of the verified TLS client certificate, if the caller presented one. */
  public static Optional<String> certificateCommonName(HttpServletRequest request) {
    Object certificates = request.getAttribute(CERTIFICATES);
    if (certificates instanceof X509Certificate[] chain && chain.length > 0) {
      return commonName(chain[0]);
    }
    return Optional.empty();
  }

  /** The subject CN of {@code certificate}. */
  public static Optional<String> commonName(X509Certificate certificate) {
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if ("CN".equalsIgnoreCase(rdn.getType())) {
          return Optional.of(rdn.getValue().toString());
        }
      }
      return Optional.empty();
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
  }

  /** The verified TLS client certificate, if any. */
  public static Optional<X509Certificate> certificate(HttpServletRequest request) {
    Object certificates = request.getAttribute(CERTIFICATES);
    if (certificates instanceof X509Certificate[] chain && chain.length > 0) {
      return Optional.of(chain[0]);
    }
    return Optional.empty();
  }
}
