package org.kopir.gateway.production;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kopir.gateway.crypto.PemFiles;

/**
 * The committed development PKI ({@code certs-dev/}), known by digest: the SHA-256 of each
 * certificate's public key and of each pseudonym key file, listed in {@code
 * kopir/development-keys.sha256}. Those keys are public, so no production node may use them.
 */
public final class DevelopmentKeys {

  /** The list in the jar. */
  public static final String RESOURCE = "kopir/development-keys.sha256";

  private final Map<String, String> known;

  private DevelopmentKeys(Map<String, String> known) {
    this.known = known;
  }

  /** The list shipped in the jar. */
  public static DevelopmentKeys shipped() {
    try (InputStream in = DevelopmentKeys.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the jar");
      }
      Map<String, String> known = new LinkedHashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] parts = trimmed.split(" ", 3);
        known.putIfAbsent(parts[0], parts[2]);
      }
      return new DevelopmentKeys(known);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The development file {@code file} matches, if any: a certificate's key or a key file. */
  public java.util.Optional<String> match(Path file) {
    if (!Files.isRegularFile(file)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(known.get(digestOf(file)));
  }

  /** The development certificate whose key {@code certificate} carries, if any. */
  public java.util.Optional<String> match(X509Certificate certificate) {
    return java.util.Optional.ofNullable(
        known.get(sha256(certificate.getPublicKey().getEncoded())));
  }

  /**
   * The digest this list keeps of {@code file}: of the public key when it holds a PEM certificate,
   * else of its bytes.
   */
  public static String digestOf(Path file) {
    try {
      byte[] content = Files.readAllBytes(file);
      String text = new String(content, StandardCharsets.US_ASCII);
      if (text.contains("-----BEGIN CERTIFICATE-----")) {
        X509Certificate certificate = PemFiles.readCertificate(file);
        return sha256(certificate.getPublicKey().getEncoded());
      }
      return sha256(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
