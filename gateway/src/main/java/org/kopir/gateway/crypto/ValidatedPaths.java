package org.kopir.gateway.crypto;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Certificate paths PKIX has accepted, each with the period in which the same validation must give
 * the same answer: every certificate of the path and the anchor valid, and the CRL current. Every
 * message from the partner and every identity block sealed to one of its agencies otherwise repeats
 * the same path validation, whose signature checks (certificate and CRL) cost more than the
 * message's own signature. Only acceptances are kept; a refusal is always worked out again so that
 * it carries its reason.
 *
 * <p>The CRL is part of the key by identity: the node replaces the object when the CRL file
 * changes, and a new CRL (say, revoking a certificate) never finds an entry made under the old one.
 */
final class ValidatedPaths {

  private final int capacity;
  private final Map<Key, Period> accepted = new ConcurrentHashMap<>();

  ValidatedPaths(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Whether PKIX accepted this path under this anchor and CRL, for a period including {@code at}.
   */
  boolean holds(List<X509Certificate> path, X509Certificate anchor, X509CRL crl, Instant at) {
    Period period = accepted.get(new Key(path, anchor, crl));
    return period != null && period.contains(at);
  }

  /** Records that PKIX accepted the path. */
  void remember(List<X509Certificate> path, X509Certificate anchor, X509CRL crl) {
    if (accepted.size() >= capacity) {
      // Partners and agencies are few: a full map means old CRLs or certificates, not a hot set.
      accepted.clear();
    }
    accepted.put(new Key(List.copyOf(path), anchor, crl), Period.of(path, anchor, crl));
  }

  int size() {
    return accepted.size();
  }

  private static final class Key {
    private final List<X509Certificate> path;
    private final X509Certificate anchor;
    private final X509CRL crl;

    Key(List<X509Certificate> path, X509Certificate anchor, X509CRL crl) {
      this.path = path;
      this.anchor = anchor;
      this.crl = crl;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && crl == key.crl
          && anchor.equals(key.anchor)
          && path.equals(key.path);
    }

    @Override
    public int hashCode() {
      return Objects.hash(path, anchor, System.identityHashCode(crl));
    }
  }

  private record Period(Instant from, Instant until) {

    static Period of(List<X509Certificate> path, X509Certificate anchor, X509CRL crl) {
      Instant from = crl.getThisUpdate().toInstant();
      Instant until = crl.getNextUpdate() == null ? Instant.MAX : crl.getNextUpdate().toInstant();
      for (X509Certificate certificate : path) {
        from = later(from, certificate.getNotBefore().toInstant());
        until = earlier(until, certificate.getNotAfter().toInstant());
      }
      from = later(from, anchor.getNotBefore().toInstant());
      until = earlier(until, anchor.getNotAfter().toInstant());
      return new Period(from, until);
    }

    boolean contains(Instant at) {
      return !at.isBefore(from) && at.isBefore(until);
    }

    private static Instant later(Instant a, Instant b) {
      return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
      return a.isBefore(b) ? a : b;
    }
  }
}
