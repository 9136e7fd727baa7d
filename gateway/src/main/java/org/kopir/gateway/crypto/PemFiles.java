package org.kopir.gateway.crypto;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads certificates and unencrypted private keys from PEM files. */
public final class PemFiles {

  private PemFiles() {}

  public static List<X509Certificate> readCertificates(Path file) {
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
    } catch (CertificateException e) {
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
}
