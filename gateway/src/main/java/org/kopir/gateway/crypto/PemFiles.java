package org.kopir.gateway.crypto;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads and writes PEM files: certificates, unencrypted PKCS#8 private keys and CRLs. Writers
 * create parent directories and, where the file system allows it, make key files readable by their
 * owner only.
 */
public final class PemFiles {

  private PemFiles() {}

  /**
   * The certificates in {@code file}, in file order.
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when it holds no certificate or one that cannot be decoded
   */
  public static List<X509Certificate> readCertificates(Path file) {
    requireDecodable(file);
    List<X509Certificate> certificates = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (object instanceof X509CertificateHolder holder) {
          certificates.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read certificates from " + file, e);
    } catch (CertificateException | RuntimeException e) {
      throw new IllegalArgumentException("bad certificate in " + file, e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("no certificate in " + file);
    }
    return certificates;
  }

  public static X509Certificate readCertificate(Path file) {
    return readCertificates(file).get(0);
  }

  public static PrivateKey readPrivateKey(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (object instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
      throw new IllegalArgumentException("no unencrypted private key in " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read private key from " + file, e);
    }
  }

  /** A credential from a key file and a certificate file whose first certificate is the signer. */
  public static SigningCredential readCredential(Path keyFile, Path certificateFile) {
    return new SigningCredential(readPrivateKey(keyFile), readCertificates(certificateFile));
  }

  /**
   * The first CRL in {@code file}.
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when it holds no CRL or one that cannot be decoded
   */
  public static X509CRL readCrl(Path file) {
    requireDecodable(file);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (object instanceof X509CRLHolder holder) {
          return new JcaX509CRLConverter().getCRL(holder);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRL from " + file, e);
    } catch (CRLException | RuntimeException e) {
      throw new IllegalArgumentException("bad CRL in " + file, e);
    }
    throw new IllegalArgumentException("no CRL in " + file);
  }

  /**
   * Partner certificates and CRLs come from outside: before Bouncy Castle parses them, each PEM
   * object must be valid base64 and its DER must not nest deeper than {@link Asn1Nesting#MAX_DEPTH}
   * (deeper nesting overflows the parser's stack).
   */
  private static void requireDecodable(Path file) {
    try (PemReader reader =
        new PemReader(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
      PemObject object;
      while ((object = reader.readPemObject()) != null) {
        if (Asn1Nesting.tooDeep(object.getContent())) {
          throw new IllegalArgumentException(
              "ASN.1 nested deeper than "
                  + Asn1Nesting.MAX_DEPTH
                  + " levels or malformed in "
                  + file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("bad PEM in " + file, e);
    }
  }

  public static void writeCertificate(Path file, X509Certificate certificate) {
    writePem(file, certificate, false);
  }

  public static void writeCrl(Path file, X509CRL crl) {
    writePem(file, crl, false);
  }

  /** Writes {@code key} as an unencrypted PKCS#8 {@code PRIVATE KEY}. */
  public static void writePrivateKey(Path file, PrivateKey key) {
    try {
      writePem(file, new JcaPKCS8Generator(key, null).generate(), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode private key for " + file, e);
    }
  }

  private static void writePem(Path file, Object value, boolean secret) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.deleteIfExists(file);
      Files.createFile(file);
      if (secret) {
        ownerOnly(file);
      }
      try (var writer =
              Files.newBufferedWriter(
                  file, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
          var pem = new JcaPEMWriter(writer)) {
        pem.writeObject(value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): the directory's access control applies.
    }
  }
}
