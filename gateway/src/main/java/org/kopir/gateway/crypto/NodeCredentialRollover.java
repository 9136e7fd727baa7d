package org.kopir.gateway.crypto;

import java.security.cert.X509CRL;
import java.time.Clock;
import java.util.List;
import org.kopir.gateway.error.KopirException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Rolls the node signing and TLS credentials over while the node runs: re-reads them (and the own
 * CA certificates) from their configured sources, checks the new material ({@link
 * NodeCredentialCheck}) and only then puts it in use, for signatures made from now on and TLS
 * handshakes begun from now on (the border connector through its {@link NodeTlsListener}, calls to
 * partners through {@link TlsMaterial}'s key manager). On any failure the material in use stays.
 * What was already signed keeps its signature: a partner accepts it as long as the old certificate
 * is valid and not revoked (SPEC §3.4).
 */
@Component
public class NodeCredentialRollover {

  private static final Logger LOG = LoggerFactory.getLogger(NodeCredentialRollover.class);

  private final CryptoMaterial material;
  private final List<NodeTlsListener> listeners;
  private final List<NodeCredentialPolicy> policies;
  private final Clock clock;

  @Autowired
  public NodeCredentialRollover(
      CryptoMaterial material,
      ObjectProvider<NodeTlsListener> listeners,
      ObjectProvider<NodeCredentialPolicy> policies,
      ObjectProvider<Clock> clock) {
    this(
        material,
        listeners.orderedStream().toList(),
        policies.orderedStream().toList(),
        clock.getIfAvailable(Clock::systemUTC));
  }

  public NodeCredentialRollover(
      CryptoMaterial material, List<NodeTlsListener> listeners, Clock clock) {
    this(material, listeners, List.of(), clock);
  }

  public NodeCredentialRollover(
      CryptoMaterial material,
      List<NodeTlsListener> listeners,
      List<NodeCredentialPolicy> policies,
      Clock clock) {
    this.material = material;
    this.listeners = List.copyOf(listeners);
    this.policies = List.copyOf(policies);
    this.clock = clock;
  }

  /** The credentials before and after one reload. */
  public record Reload(NodeCredentials before, NodeCredentials after) {

    public boolean signingChanged() {
      return !before.signing().certificate().equals(after.signing().certificate());
    }

    public boolean tlsChanged() {
      return !before.tls().certificate().equals(after.tls().certificate());
    }
  }

  /**
   * Reads, checks and puts in use the node's signing and TLS key material as it is now in its
   * files. Both are checked before either is used, so the node never runs with one new and the
   * other rejected.
   *
   * @throws KopirException {@code CREDENTIALS_REJECTED} naming the credential ({@code /signing},
   *     {@code /tls}) and the reason; the material in use is unchanged
   */
  public synchronized Reload reload() {
    try {
      return checkAndUse();
    } catch (KopirException e) {
      e.errors()
          .forEach(
              error ->
                  LOG.warn(
                      "Node credentials not reloaded, {}: {}", error.pointer(), error.message()));
      throw e;
    }
  }

  private Reload checkAndUse() {
    NodeCredentials before = material.nodeCredentials();
    NodeCredentials next = read();
    X509CRL ownCrl;
    try {
      ownCrl = material.readOwnCrl();
    } catch (RuntimeException e) {
      throw NodeCredentialCheck.rejected("own-crl", "the own CA's CRL cannot be read");
    }
    NodeCredentialCheck check =
        new NodeCredentialCheck(
            material.node(), material.country(), next.ownCas(), ownCrl, clock.instant());
    check.requireSigning(next.signing());
    check.requireTls(next.tls());
    requireNoObjection("signing", next.signing().certificate());
    requireNoObjection("tls", next.tls().certificate());
    next.ownCas().forEach(ca -> requireNoObjection("own-ca", ca));
    material.use(next);
    Reload reload = new Reload(before, next);
    if (reload.tlsChanged()) {
      switchTls(before, next);
    }
    LOG.info(
        "Node credentials reloaded: signing {}, TLS {}",
        reload.signingChanged() ? "replaced" : "unchanged",
        reload.tlsChanged() ? "replaced" : "unchanged");
    return reload;
  }

  private void requireNoObjection(String role, java.security.cert.X509Certificate certificate) {
    for (NodeCredentialPolicy policy : policies) {
      policy
          .objection(certificate)
          .ifPresent(
              reason -> {
                throw NodeCredentialCheck.rejected(role, reason);
              });
    }
  }

  private NodeCredentials read() {
    try {
      return material.readNodeCredentials();
    } catch (RuntimeException e) {
      LOG.warn("New node key material unreadable: {}", e.getMessage());
      throw NodeCredentialCheck.rejected(
          "files", "the key or certificate files cannot be read (see the node's log)");
    }
  }

  private void switchTls(NodeCredentials before, NodeCredentials next) {
    for (NodeTlsListener listener : listeners) {
      try {
        listener.nodeTlsChanged(before.tls(), next.tls());
      } catch (RuntimeException e) {
        LOG.error(
            "{} did not take the new TLS certificate ({}); the old one is put back",
            listener.getClass().getSimpleName(),
            e.getClass().getName());
        material.use(before);
        listeners.forEach(each -> each.nodeTlsChanged(next.tls(), before.tls()));
        throw NodeCredentialCheck.rejected("tls", "a TLS endpoint did not take the certificate");
      }
    }
  }
}
