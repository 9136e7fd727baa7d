package org.kopir.gateway.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.kopir.gateway.crypto.Canonicalizer;
import org.kopir.gateway.crypto.CertificateAuthority;
import org.kopir.gateway.crypto.CertificateProfile;
import org.kopir.gateway.crypto.CmsSignatures;
import org.kopir.gateway.crypto.KeyAndCertificate;
import org.kopir.gateway.crypto.KopirNames;
import org.kopir.gateway.crypto.PemFiles;
import org.kopir.gateway.crypto.SignedJson;
import org.kopir.gateway.crypto.SigningCredential;
import org.kopir.gateway.crypto.TlsMaterial;

/**
 * A node's signing and TLS key material as an operator replaces it: new certificates issued by a CA
 * in the development layout ({@code ca.crt}, {@code ca.key}), written as {@code
 * node-signing.key/.crt} and {@code node-tls.key/.crt} into a directory the node reads them from.
 */
public final class NodeCertificates {

  private NodeCertificates() {}

  /** A new signing and TLS pair, as written. */
  public record Issued(KeyAndCertificate signing, KeyAndCertificate tls) {}

  /**
   * Copies {@code node}'s current signing and TLS files from the layout under {@code certsDir} into
   * {@code dir}, so that a test can replace them there without touching a shared PKI.
   */
  public static Path copyCurrent(Path certsDir, String node, Path dir) {
    try {
      Files.createDirectories(dir);
      for (String name :
          List.of("node-signing.key", "node-signing.crt", "node-tls.key", "node-tls.crt")) {
        Files.copy(
            certsDir.resolve(node).resolve(name),
            dir.resolve(name),
            StandardCopyOption.REPLACE_EXISTING);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renews {@code node}'s signing and TLS certificates from {@code ca}, valid for a year. */
  public static Issued renew(CertificateAuthority ca, String node, Path dir) {
    Instant now = Instant.now();
    return issue(ca, node, dir, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(365)));
  }

  /** Issues new signing and TLS certificates for {@code node} and writes them into {@code dir}. */
  public static Issued issue(
      CertificateAuthority ca, String node, Path dir, Instant notBefore, Instant notAfter) {
    String name = KopirNames.nodeCommonName(node);
    KeyAndCertificate signing =
        ca.issue(CertificateProfile.NODE_SIGNING, name, List.of(), notBefore, notAfter);
    KeyAndCertificate tls =
        ca.issue(
            CertificateProfile.NODE_TLS,
            name,
            List.of("localhost", "127.0.0.1", node),
            notBefore,
            notAfter);
    write(dir, "node-signing", signing);
    write(dir, "node-tls", tls);
    return new Issued(signing, tls);
  }

  /** The certificate that signed {@code signed} ({@code {"<member>": ..., "signature": ...}}). */
  public static X509Certificate signer(JsonNode signed, String member) {
    SignedJson.Parts parts = SignedJson.split(signed, member);
    return CmsSignatures.verifyDetached(
            Canonicalizer.canonicalBytes(parts.content()), parts.signature())
        .signer();
  }

  /**
   * The certificate a TLS server on {@code port} of the loopback address presents to a new
   * connection made with {@code client}'s certificate (the server's is not checked: this only looks
   * at it).
   */
  public static X509Certificate serverCertificate(int port, SigningCredential client)
      throws Exception {
    X509Certificate[] seen = new X509Certificate[1];
    X509TrustManager looking =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
          }

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {
            seen[0] = chain[0];
          }

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(TlsMaterial.keyManagers(client), new TrustManager[] {looking}, null);
    try (SSLSocket socket =
        (SSLSocket)
            context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
    }
    return seen[0];
  }

  /** Writes {@code issued} as {@code <baseName>.key} and {@code <baseName>.crt}. */
  public static void write(Path dir, String baseName, KeyAndCertificate issued) {
    PemFiles.writeCertificate(dir.resolve(baseName + ".crt"), issued.certificate());
    PemFiles.writePrivateKey(dir.resolve(baseName + ".key"), issued.privateKey());
  }
}
