package org.kopir.gateway.crypto;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.kopir.gateway.error.KopirException;

/**
 * {@link SSLContext}s for the border (SPEC §1, §9) built from the node's PEM material: the node
 * presents its TLS certificate and accepts only the partner node's TLS certificate, chained to the
 * partner CA, not revoked, with the right extended key usage. The peer is identified by that pinned
 * subject rather than by host name, so the partner may be reached at any address (docker service
 * name, IP, proxy); the SAN of the node TLS certificate still allows ordinary host name checks by
 * other clients.
 */
public final class TlsMaterial {

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final char[] IN_MEMORY_PASSWORD = "kopir-in-memory".toCharArray();

  private TlsMaterial() {}

  /**
   * Context for calling partner {@code partner}'s border: node TLS key, that partner's node as the
   * only server.
   */
  public static SSLContext borderClientContext(
      CryptoMaterial material, String partner, Clock clock) {
    return context(
        new KeyManager[] {new CurrentKeyManager(material::tls)},
        partnerNodeTrustManager(material, partner, clock));
  }

  /** Context for serving the border: node TLS key, any partner's node as client. */
  public static SSLContext borderServerContext(CryptoMaterial material, Clock clock) {
    return context(
        new KeyManager[] {new CurrentKeyManager(material::tls)},
        anyPartnerNodeTrustManager(material, clock));
  }

  /** Accepts only partner {@code partner}'s node TLS certificate, as client or server. */
  public static X509ExtendedTrustManager partnerNodeTrustManager(
      CryptoMaterial material, String partner, Clock clock) {
    PartnerTrust trust =
        material
            .partner(partner)
            .orElseThrow(() -> new IllegalArgumentException("not a partner: " + partner));
    return new PinnedTrustManager(
        (leaf, rest) -> {
          trust.requireTrusted(leaf, rest, clock.instant(), CertificateTrust.DIGITAL_SIGNATURE);
          return trust.isNode(leaf);
        },
        trust.cas());
  }

  /** Accepts the node TLS certificate of any partner, each checked against its own CA. */
  public static X509ExtendedTrustManager anyPartnerNodeTrustManager(
      CryptoMaterial material, Clock clock) {
    return new PinnedTrustManager(
        (leaf, rest) -> {
          java.util.Optional<PartnerTrust> trust = material.partnerNamedBy(leaf);
          if (trust.isEmpty()) {
            return false;
          }
          trust
              .get()
              .requireTrusted(leaf, rest, clock.instant(), CertificateTrust.DIGITAL_SIGNATURE);
          return true;
        },
        material.partners().values().stream().flatMap(trust -> trust.cas().stream()).toList());
  }

  /**
   * A trust manager accepting chains to {@code ca} (checked against its CRL) whose leaf passes
   * {@code acceptedLeaf} and carries the extended key usage of its role (clientAuth for peers
   * authenticating as clients, serverAuth for servers).
   */
  public static X509ExtendedTrustManager trustManager(
      X509Certificate ca,
      Supplier<X509CRL> crl,
      Predicate<X509Certificate> acceptedLeaf,
      Clock clock) {
    return new PinnedTrustManager(
        (leaf, rest) -> {
          CertificateTrust.requireTrusted(
              leaf, rest, ca, crl.get(), clock.instant(), CertificateTrust.DIGITAL_SIGNATURE);
          return acceptedLeaf.test(leaf);
        },
        List.of(ca));
  }

  /**
   * Validates a peer's leaf certificate with the rest of its chain; {@code true} when the leaf is
   * the expected party.
   */
  @FunctionalInterface
  private interface PeerCheck {
    boolean accept(X509Certificate leaf, List<X509Certificate> rest);
  }

  /** Key managers presenting {@code credential}'s key and chain. */
  public static KeyManager[] keyManagers(SigningCredential credential) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "tls",
          credential.privateKey(),
          IN_MEMORY_PASSWORD,
          credential.chain().toArray(X509Certificate[]::new));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, IN_MEMORY_PASSWORD);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("TLS key manager could not be built", e);
    }
  }

  /** A TLS context with {@code credential} and {@code trustManager}. */
  public static SSLContext context(SigningCredential credential, TrustManager trustManager) {
    return context(keyManagers(credential), trustManager);
  }

  private static SSLContext context(KeyManager[] keyManagers, TrustManager trustManager) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, new TrustManager[] {trustManager}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS context could not be built", e);
    }
  }

  /**
   * Presents the node TLS credential in use at each handshake, so that a context built once (the
   * HTTP client's of a partner endpoint) takes a rolled-over certificate without being rebuilt.
   * Connections already open keep the certificate they were made with.
   */
  private static final class CurrentKeyManager extends X509ExtendedKeyManager {
    private final Supplier<SigningCredential> current;
    private volatile Built built;

    private record Built(SigningCredential credential, X509ExtendedKeyManager manager) {}

    CurrentKeyManager(Supplier<SigningCredential> current) {
      this.current = current;
    }

    private X509ExtendedKeyManager manager() {
      SigningCredential credential = current.get();
      Built now = built;
      if (now == null || now.credential() != credential) {
        now = new Built(credential, (X509ExtendedKeyManager) keyManagers(credential)[0]);
        built = now;
      }
      return now.manager();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return manager().getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return manager().chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return manager().chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return manager().getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return manager().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return manager().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return manager().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return manager().getPrivateKey(alias);
    }
  }

  private static final class PinnedTrustManager extends X509ExtendedTrustManager {
    private final PeerCheck peerCheck;
    private final List<X509Certificate> issuers;

    PinnedTrustManager(PeerCheck peerCheck, List<X509Certificate> issuers) {
      this.peerCheck = peerCheck;
      this.issuers = List.copyOf(issuers);
    }

    private void check(X509Certificate[] chain, String purpose) throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("no peer certificate");
      }
      X509Certificate leaf = chain[0];
      boolean expected;
      try {
        expected = peerCheck.accept(leaf, Arrays.asList(chain).subList(1, chain.length));
      } catch (KopirException e) {
        throw new CertificateException(e.code() + ": " + e.getMessage());
      }
      if (!hasPurpose(leaf, purpose)) {
        throw new CertificateException("peer certificate lacks the TLS extended key usage");
      }
      if (!expected) {
        throw new CertificateException("peer certificate is not the expected party");
      }
    }

    private static boolean hasPurpose(X509Certificate leaf, String purpose)
        throws CertificateParsingException {
      List<String> purposes = leaf.getExtendedKeyUsage();
      return purposes != null && purposes.contains(purpose);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      check(chain, CLIENT_AUTH);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      check(chain, SERVER_AUTH);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      check(chain, CLIENT_AUTH);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      check(chain, SERVER_AUTH);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain, CLIENT_AUTH);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain, SERVER_AUTH);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return issuers.toArray(X509Certificate[]::new);
    }
  }
}
