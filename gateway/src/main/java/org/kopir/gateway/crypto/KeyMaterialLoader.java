package org.kopir.gateway.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Loads a private key and its chain from PEM files or a PKCS#12 store. Error messages name the
 * file, never the password.
 */
final class KeyMaterialLoader {

  private KeyMaterialLoader() {}

  /** The key and its chain (signer first, self-signed roots left out). */
  static SigningCredential load(
      CryptoProperties.KeySource source,
      Path defaultKey,
      Path defaultCertificate,
      SignatureAlgorithm algorithm) {
    if (source.isPkcs12()) {
      return fromPkcs12(source, algorithm);
    }
    Path keyFile = source.getKeyFile() != null ? source.getKeyFile() : defaultKey;
    Path certificateFile =
        source.getCertificateFile() != null ? source.getCertificateFile() : defaultCertificate;
    requireReadable(keyFile);
    requireReadable(certificateFile);
    List<X509Certificate> chain = withoutRoots(PemFiles.readCertificates(certificateFile));
    return new SigningCredential(PemFiles.readPrivateKey(keyFile), chain, algorithm);
  }

  static void requireReadable(Path file) {
    if (!Files.isReadable(file)) {
      throw new IllegalStateException("cannot read key material file " + file.toAbsolutePath());
    }
  }

  private static SigningCredential fromPkcs12(
      CryptoProperties.KeySource source, SignatureAlgorithm algorithm) {
    Path file = source.getPkcs12File();
    requireReadable(file);
    char[] password =
        source.getPassword() == null ? new char[0] : source.getPassword().toCharArray();
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      String alias = source.getAlias() != null ? source.getAlias() : firstKeyAlias(store, file);
      if (!store.isKeyEntry(alias)) {
        throw new IllegalStateException("no private key under alias " + alias + " in " + file);
      }
      PrivateKey key = (PrivateKey) store.getKey(alias, password);
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : store.getCertificateChain(alias)) {
        chain.add((X509Certificate) certificate);
      }
      return new SigningCredential(key, withoutRoots(chain), algorithm);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read PKCS#12 store " + file + " (wrong password?)", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read PKCS#12 store " + file, e);
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }

  private static String firstKeyAlias(KeyStore store, Path file) throws GeneralSecurityException {
    for (String alias : Collections.list(store.aliases())) {
      if (store.isKeyEntry(alias)) {
        return alias;
      }
    }
    throw new IllegalStateException("no private key in " + file);
  }

  /** A relying party must take roots from its own trust anchors, never from the sender. */
  private static List<X509Certificate> withoutRoots(List<X509Certificate> chain) {
    List<X509Certificate> result = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate certificate = chain.get(i);
      boolean selfIssued =
          certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
      if (i == 0 || !selfIssued) {
        result.add(certificate);
      }
    }
    return result;
  }
}
