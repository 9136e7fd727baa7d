package org.kopir.gateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.kopir.gateway.crypto.CertificateAuthority;
import org.kopir.gateway.crypto.CertificateProfile;
import org.kopir.gateway.crypto.KeyAndCertificate;
import org.kopir.gateway.crypto.KopirNames;
import org.kopir.gateway.crypto.PemFiles;

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

  /** Writes {@code issued} as {@code <baseName>.key} and {@code <baseName>.crt}. */
  public static void write(Path dir, String baseName, KeyAndCertificate issued) {
    PemFiles.writeCertificate(dir.resolve(baseName + ".crt"), issued.certificate());
    PemFiles.writePrivateKey(dir.resolve(baseName + ".key"), issued.privateKey());
  }
}
