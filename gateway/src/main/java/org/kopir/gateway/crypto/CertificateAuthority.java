package org.kopir.gateway.crypto;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A country root CA of the development PKI: issues EC P-256 leaf certificates with the Kopir
 * profiles and signs CRLs. Development and test use only; production keys come from a real CA.
 */
public final class CertificateAuthority {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  private final String country;
  private final PrivateKey privateKey;
  private final X509Certificate certificate;

  private CertificateAuthority(String country, PrivateKey privateKey, X509Certificate certificate) {
    this.country = country;
    this.privateKey = privateKey;
    this.certificate = certificate;
  }

  /** A new self-signed root CA for {@code country}, valid from {@code notBefore}. */
  public static CertificateAuthority create(String country, Instant notBefore, Instant notAfter) {
    KeyPair keys = newEcKeyPair();
    X500Name subject =
        KopirNames.subject(KopirNames.caCommonName(country), KopirNames.UNIT_CA, country);
    try {
      var extensions = new JcaX509ExtensionUtils();
      var builder =
          new JcaX509v3CertificateBuilder(
              subject,
              newSerial(),
              Date.from(notBefore),
              Date.from(notAfter),
              subject,
              keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          extensions.createSubjectKeyIdentifier(keys.getPublic()));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(builder.build(signer(keys.getPrivate())));
      return new CertificateAuthority(country, keys.getPrivate(), certificate);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("CA certificate could not be created", e);
    }
  }

  /** The CA stored as {@code ca.crt} and {@code ca.key} in {@code directory}. */
  public static CertificateAuthority load(Path directory) {
    X509Certificate certificate = PemFiles.readCertificate(directory.resolve("ca.crt"));
    PrivateKey key = PemFiles.readPrivateKey(directory.resolve("ca.key"));
    KopirNames.SubjectName name = KopirNames.SubjectName.of(certificate);
    return new CertificateAuthority(name.country(), key, certificate);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public String country() {
    return country;
  }

  /** Writes {@code ca.crt} and {@code ca.key} into {@code directory}. */
  public void save(Path directory) {
    PemFiles.writeCertificate(directory.resolve("ca.crt"), certificate);
    PemFiles.writePrivateKey(directory.resolve("ca.key"), privateKey);
  }

  /**
   * Issues a leaf certificate with a new EC P-256 key. Entries of {@code alternativeNames} that are
   * IP literals become iPAddress names, the others dNSName.
   */
  public KeyAndCertificate issue(
      CertificateProfile profile,
      String commonName,
      List<String> alternativeNames,
      Instant notBefore,
      Instant notAfter) {
    KeyPair keys = newEcKeyPair();
    return new KeyAndCertificate(
        keys.getPrivate(),
        issueFor(keys.getPublic(), profile, commonName, alternativeNames, notBefore, notAfter));
  }

  /** Issues a leaf certificate for an existing public key (EC or RSA). */
  public X509Certificate issueFor(
      PublicKey publicKey,
      CertificateProfile profile,
      String commonName,
      List<String> alternativeNames,
      Instant notBefore,
      Instant notAfter) {
    try {
      var extensions = new JcaX509ExtensionUtils();
      var builder =
          new JcaX509v3CertificateBuilder(
              certificate,
              newSerial(),
              Date.from(notBefore),
              Date.from(notAfter),
              KopirNames.subject(commonName, profile.organizationalUnit(), country),
              publicKey);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsageFor(profile, publicKey)));
      KeyPurposeId[] purposes = profile.extendedKeyUsage();
      if (purposes != null) {
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
      }
      if (!alternativeNames.isEmpty()) {
        builder.addExtension(
            Extension.subjectAlternativeName, false, generalNames(alternativeNames));
      }
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          extensions.createAuthorityKeyIdentifier(certificate.getPublicKey()));
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer(privateKey)));
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("certificate could not be issued", e);
    }
  }

  /** A CRL listing {@code revoked} (key compromise), valid from {@code thisUpdate}. */
  public X509CRL crl(Collection<X509Certificate> revoked, Instant thisUpdate, Instant nextUpdate) {
    return crlOfSerials(
        revoked.stream().map(X509Certificate::getSerialNumber).toList(), thisUpdate, nextUpdate);
  }

  /** A CRL listing the certificates with the given serial numbers (key compromise). */
  public X509CRL crlOfSerials(
      Collection<BigInteger> revokedSerials, Instant thisUpdate, Instant nextUpdate) {
    try {
      var builder =
          new X509v2CRLBuilder(
              X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
              Date.from(thisUpdate));
      builder.setNextUpdate(Date.from(nextUpdate));
      for (BigInteger serial : revokedSerials) {
        builder.addCRLEntry(serial, Date.from(thisUpdate), CRLReason.keyCompromise);
      }
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate.getPublicKey()));
      // Seconds since the epoch only grow, so CRLs issued later always carry a larger number.
      builder.addExtension(
          Extension.cRLNumber,
          false,
          new CRLNumber(BigInteger.valueOf(thisUpdate.getEpochSecond())));
      return new JcaX509CRLConverter().getCRL(builder.build(signer(privateKey)));
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("CRL could not be signed", e);
    }
  }

  @Override
  public String toString() {
    return "CertificateAuthority[" + certificate.getSubjectX500Principal().getName() + "]";
  }

  private static int keyUsageFor(CertificateProfile profile, PublicKey publicKey) {
    if (profile == CertificateProfile.AGENCY_ENCRYPTION && "RSA".equals(publicKey.getAlgorithm())) {
      return KeyUsage.keyEncipherment;
    }
    return profile.keyUsage();
  }

  private static GeneralNames generalNames(List<String> names) {
    List<GeneralName> result = new ArrayList<>();
    for (String name : names) {
      result.add(
          isIpLiteral(name)
              ? new GeneralName(GeneralName.iPAddress, name)
              : new GeneralName(GeneralName.dNSName, name));
    }
    return new GeneralNames(result.toArray(GeneralName[]::new));
  }

  private static boolean isIpLiteral(String name) {
    if (!name.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
      return false;
    }
    try {
      InetAddress.getByName(name);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static ContentSigner signer(PrivateKey key) {
    try {
      return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("CA signer unavailable", e);
    }
  }

  private static BigInteger newSerial() {
    return new BigInteger(63, RANDOM).add(BigInteger.ONE);
  }

  static KeyPair newEcKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is required by the Java platform", e);
    }
  }
}
