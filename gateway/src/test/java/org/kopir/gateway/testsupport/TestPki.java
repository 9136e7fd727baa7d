package org.kopir.gateway.testsupport;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.kopir.gateway.crypto.SigningCredential;

/** Throw-away EC P-256 certificates for tests, so no test depends on committed keys. */
public final class TestPki {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyPair caKeys;
  private final X509Certificate caCertificate;

  private TestPki(KeyPair caKeys, X509Certificate caCertificate) {
    this.caKeys = caKeys;
    this.caCertificate = caCertificate;
  }

  /** A new root CA named {@code CN=<name> Test CA}. */
  public static TestPki newCa(String name) {
    KeyPair keys = ecKeyPair();
    X500Name subject = new X500Name("CN=" + name + " Test CA, O=Kopir Test");
    X509Certificate certificate =
        sign(
            subject,
            subject,
            keys.getPublic(),
            keys,
            true,
            KeyUsage.keyCertSign | KeyUsage.cRLSign,
            Instant.now().minus(Duration.ofDays(1)),
            Instant.now().plus(Duration.ofDays(30)));
    return new TestPki(keys, certificate);
  }

  public X509Certificate caCertificate() {
    return caCertificate;
  }

  /** A leaf credential with a digitalSignature key usage, valid now. */
  public SigningCredential issueSigner(String commonName) {
    return issue(
        commonName,
        KeyUsage.digitalSignature | KeyUsage.nonRepudiation,
        Instant.now().minus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofDays(30)));
  }

  /** A leaf credential with the given key usage and validity. */
  public SigningCredential issue(String commonName, int keyUsage, Instant from, Instant to) {
    KeyPair keys = ecKeyPair();
    X509Certificate certificate =
        sign(
            new X500Name("CN=" + commonName + ", O=Kopir Test"),
            X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded()),
            keys.getPublic(),
            caKeys,
            false,
            keyUsage,
            from,
            to);
    return new SigningCredential(keys.getPrivate(), List.of(certificate, caCertificate));
  }

  private static X509Certificate sign(
      X500Name subject,
      X500Name issuer,
      java.security.PublicKey publicKey,
      KeyPair issuerKeys,
      boolean ca,
      int keyUsage,
      Instant from,
      Instant to) {
    try {
      var extensions = new JcaX509ExtensionUtils();
      var builder =
          new JcaX509v3CertificateBuilder(
              issuer,
              new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
              Date.from(from),
              Date.from(to),
              subject,
              publicKey);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey));
      var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (Exception e) {
      throw new IllegalStateException("test certificate could not be issued", e);
    }
  }

  private static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
