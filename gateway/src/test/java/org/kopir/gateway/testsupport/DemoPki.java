package org.kopir.gateway.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.kopir.gateway.crypto.DevPki;
import org.kopir.gateway.crypto.PemFiles;
import org.kopir.gateway.crypto.SigningCredential;

/**
 * A throw-away PKI in the development layout for the demo nodes and agencies, generated once per
 * test JVM so no test depends on the committed {@code certs-dev/} or its expiry.
 */
public final class DemoPki {

  private static Path root;

  private DemoPki() {}

  public static synchronized Path root() {
    if (root == null) {
      Path dir = TemporaryDirectories.untilExit("kopir-test-pki");
      DevPki.generate(dir, DevPki.DEMO, Instant.now(), false);
      root = dir;
    }
    return root;
  }

  /** The TLS client credential of {@code agency} at {@code node}. */
  public static SigningCredential agency(String node, String agency) {
    Path dir = root().resolve(node).resolve("agencies");
    return PemFiles.readCredential(dir.resolve(agency + ".key"), dir.resolve(agency + ".crt"));
  }

  /** {@code node}'s own TLS key and certificate, as it presents them to a partner's border. */
  public static SigningCredential nodeTls(String node) {
    Path nodeDir = root().resolve(node);
    return PemFiles.readCredential(
        nodeDir.resolve("node-tls.key"), nodeDir.resolve("node-tls.crt"));
  }

  public static Path ca(String node) {
    return root().resolve(node).resolve("ca.crt");
  }

  /**
   * {@code node}'s TLS key and certificate as a PKCS12 key store (password {@code changeit}) in
   * {@code dir}, for a server that stands in for the node (WireMock).
   */
  public static Path tlsKeystore(String node, Path dir) throws Exception {
    SigningCredential tls = nodeTls(node);
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        node,
        tls.privateKey(),
        "changeit".toCharArray(),
        tls.chain().toArray(java.security.cert.X509Certificate[]::new));
    Path file = dir.resolve(node + "-tls.p12");
    try (java.io.OutputStream out = Files.newOutputStream(file)) {
      store.store(out, "changeit".toCharArray());
    }
    return file;
  }
}
