package org.kopir.gateway.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.CollectionStore;
import org.bouncycastle.util.Store;

/**
 * What a CMS signature by one credential repeats every time, built once: its certificates as Bouncy
 * Castle holders (the signer's and the chain that goes into the signature) and its
 * signingCertificateV2 attribute (a SHA-256 of the certificate, its issuer and serial). The
 * signing-time attribute is kept for the second it names: building it formats and parses the time
 * twice with a new {@code SimpleDateFormat}. {@link CmsSignatures#signDetached} keeps the parts of
 * the credential it last signed with, by identity: a node signs with one credential at a time.
 */
final class SignerParts {

  private final SigningCredential credential;
  private final X509CertificateHolder signer;
  private final Store<X509CertificateHolder> chain;
  private final Attribute signingCertificate;
  private volatile SigningTime signingTime = new SigningTime(Long.MIN_VALUE, null);

  private record SigningTime(long epochSecond, Attribute attribute) {}

  private SignerParts(SigningCredential credential) throws CertificateEncodingException {
    this.credential = credential;
    List<X509CertificateHolder> holders = new ArrayList<>();
    try {
      for (X509Certificate certificate : credential.chain()) {
        holders.add(new X509CertificateHolder(certificate.getEncoded()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("certificate of a signing credential cannot be read", e);
    }
    this.signer = holders.getFirst();
    this.chain = new CollectionStore<>(holders);
    this.signingCertificate = signingCertificateV2(credential.certificate());
  }

  /** {@code last} if it was built for {@code credential} (the same object), else new parts. */
  static SignerParts of(SigningCredential credential, SignerParts last)
      throws CertificateEncodingException {
    return last != null && last.credential == credential ? last : new SignerParts(credential);
  }

  X509CertificateHolder signer() {
    return signer;
  }

  Store<X509CertificateHolder> chain() {
    return chain;
  }

  /** signingCertificateV2 and signing-time (now, to the second), as SPEC §3 lists them. */
  AttributeTable signedAttributes(Clock clock) {
    ASN1EncodableVector attributes = new ASN1EncodableVector();
    attributes.add(signingCertificate);
    attributes.add(signingTime(clock.instant()));
    return new AttributeTable(attributes);
  }

  private Attribute signingTime(Instant now) {
    long second = now.getEpochSecond();
    SigningTime known = signingTime;
    if (known.epochSecond() == second) {
      return known.attribute();
    }
    Attribute attribute =
        new Attribute(
            CMSAttributes.signingTime,
            new DERSet(new Time(Date.from(Instant.ofEpochSecond(second)))));
    signingTime = new SigningTime(second, attribute);
    return attribute;
  }

  private static Attribute signingCertificateV2(X509Certificate signer)
      throws CertificateEncodingException {
    ESSCertIDv2 certId =
        new ESSCertIDv2(
            new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
            Canonicalizer.sha256(signer.getEncoded()),
            new IssuerSerial(
                new GeneralNames(
                    new GeneralName(
                        X500Name.getInstance(signer.getIssuerX500Principal().getEncoded()))),
                signer.getSerialNumber()));
    return new Attribute(
        PKCSObjectIdentifiers.id_aa_signingCertificateV2,
        new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {certId})));
  }
}
