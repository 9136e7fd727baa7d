package org.kopir.gateway.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.bc.BcCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.json.JsonLimits;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Protected identity blocks (SPEC §4): CMS AuthEnvelopedData with AES-256-GCM to one agency's
 * encryption certificate, by ECDH P-256 (ephemeral-static, SHA-256 KDF, AES-256 key wrap) or by
 * RSA-OAEP with SHA-256. The plaintext is the canonical JSON of the removed fields; it exists only
 * in memory and never in a message, log or exception text.
 */
@Component
public class IdentityBlockCipher {

  public static final String FORMAT = "cms-auth-enveloped-v1";

  private static final ObjectMapper MAPPER = JsonLimits.hardenedMapper();
  private static final Set<String> MEMBERS = Set.of("format", "recipient", "value");
  private static final String POINTER = "/protected";

  private final CryptoMaterial material;
  private final Clock clock;

  @Autowired
  public IdentityBlockCipher(CryptoMaterial material, ObjectProvider<Clock> clock) {
    this(material, clock.getIfAvailable(Clock::systemUTC));
  }

  public IdentityBlockCipher(CryptoMaterial material, Clock clock) {
    this.material = material;
    this.clock = clock;
  }

  /**
   * Encrypts {@code plaintext} to the configured encryption certificate of agency {@code
   * recipientAgency} of partner node {@code partner}, after checking that certificate against the
   * partner's CA.
   *
   * @throws KopirException {@code UNKNOWN_RECIPIENT} without a certificate for the agency, {@code
   *     UNTRUSTED_CERTIFICATE} or {@code CERTIFICATE_EXPIRED} when the certificate is not usable
   */
  public ObjectNode seal(ObjectNode plaintext, String partner, String recipientAgency) {
    PartnerTrust trust =
        material
            .partner(partner)
            .orElseThrow(
                () ->
                    new KopirException(
                        ErrorCode.UNKNOWN_RECIPIENT, "The recipient is not at a partner node."));
    X509Certificate certificate =
        trust
            .agencyCertificate(recipientAgency)
            .orElseThrow(
                () ->
                    new KopirException(
                        ErrorCode.UNKNOWN_RECIPIENT,
                        "No encryption certificate is configured for the recipient agency."));
    trust.requireTrusted(
        certificate,
        List.of(),
        clock.instant(),
        isRsa(certificate.getPublicKey())
            ? CertificateTrust.KEY_ENCIPHERMENT
            : CertificateTrust.KEY_AGREEMENT);
    KopirNames.SubjectName subject = KopirNames.SubjectName.of(certificate);
    if (!subject.isAgency() || !recipientAgency.equals(subject.commonName())) {
      throw new KopirException(
          ErrorCode.UNTRUSTED_CERTIFICATE,
          "The encryption certificate does not belong to the recipient agency.");
    }
    return sealTo(plaintext, recipientAgency, certificate, material.ecProvider());
  }

  /** Encrypts {@code plaintext} to {@code certificate} without any trust decision. */
  public static ObjectNode sealTo(
      ObjectNode plaintext, String recipientAgency, X509Certificate certificate) {
    return sealTo(plaintext, recipientAgency, certificate, EcProvider.DEFAULT);
  }

  /**
   * As {@link #sealTo(ObjectNode, String, X509Certificate)}, the ephemeral EC key pair made by
   * {@code ec}'s provider.
   */
  public static ObjectNode sealTo(
      ObjectNode plaintext, String recipientAgency, X509Certificate certificate, EcProvider ec) {
    try {
      CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
      generator.addRecipientInfoGenerator(recipientInfo(certificate, ec));
      // Bouncy Castle's own AES-GCM, as its provider would run it, without the provider's key
      // generator, parameter generator and cipher looked up and their parameters converted for
      // every block.
      OutputAEADEncryptor encryptor =
          (OutputAEADEncryptor) new BcCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM).build();
      CMSAuthEnvelopedData sealed =
          generator.generate(
              new CMSProcessableByteArray(Canonicalizer.canonicalBytes(plaintext)), encryptor);
      ObjectNode block = JsonNodeFactory.instance.objectNode();
      block.put("format", FORMAT);
      block.put("recipient", recipientAgency);
      block.put("value", Base64.getEncoder().encodeToString(sealed.getEncoded()));
      return block;
    } catch (CMSException | GeneralSecurityException | IOException e) {
      throw new IllegalStateException("identity block could not be encrypted", e);
    }
  }

  /**
   * Decrypts a block with the key this node holds for {@code block.recipient} (agencies served in
   * reveal-at-delivery mode only).
   */
  public ObjectNode open(ObjectNode block) {
    String recipient = requireShape(block);
    KeyAndCertificate key =
        material
            .localAgencyKey(recipient)
            .orElseThrow(
                () ->
                    new KopirException(
                        ErrorCode.UNKNOWN_RECIPIENT,
                        "This node holds no key for the block's recipient agency.",
                        List.of(new FieldError(POINTER + "/recipient", "no key held"))));
    return open(block, key.privateKey(), key.certificate());
  }

  /**
   * Decrypts a block with {@code key}, the private key of {@code certificate}.
   *
   * @throws KopirException {@code SCHEMA_VIOLATION} for a malformed block, {@code
   *     UNREADABLE_IDENTITY_BLOCK} when it is not for this key, was altered or does not hold a JSON
   *     object
   */
  public static ObjectNode open(ObjectNode block, PrivateKey key, X509Certificate certificate) {
    requireShape(block);
    byte[] plaintext;
    try {
      byte[] encoded = Base64.getDecoder().decode(block.get("value").asText());
      if (Asn1Nesting.tooDeep(encoded)) {
        throw unreadable("the block nests too deeply");
      }
      CMSAuthEnvelopedData sealed = new CMSAuthEnvelopedData(encoded);
      RecipientInformation recipient =
          isRsa(certificate.getPublicKey())
              ? sealed.getRecipientInfos().get(new JceKeyTransRecipientId(certificate))
              : sealed.getRecipientInfos().get(new JceKeyAgreeRecipientId(certificate));
      if (recipient == null) {
        throw unreadable("the block is not encrypted to this key");
      }
      plaintext = recipient.getContent(recipientFor(key, certificate));
    } catch (KopirException e) {
      throw e;
    } catch (CMSException | RuntimeException e) {
      // Bouncy Castle reports some malformed structures with unchecked exceptions (an
      // AuthEnvelopedData SEQUENCE with too few members: ArrayIndexOutOfBoundsException).
      throw unreadable("the block cannot be decrypted");
    }
    try {
      JsonNode node = MAPPER.readTree(plaintext);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // Reported below without the content.
    }
    throw unreadable("the decrypted block is not a JSON object");
  }

  private static RecipientInfoGenerator recipientInfo(X509Certificate certificate, EcProvider ec)
      throws GeneralSecurityException, CMSException {
    PublicKey publicKey = certificate.getPublicKey();
    if (isRsa(publicKey)) {
      var oaep =
          new JcaAlgorithmParametersConverter()
              .getAlgorithmIdentifier(
                  PKCSObjectIdentifiers.id_RSAES_OAEP,
                  new OAEPParameterSpec(
                      "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
      return new JceKeyTransRecipientInfoGenerator(certificate, oaep)
          .setProvider(BouncyCastle.PROVIDER);
    }
    if (!(publicKey instanceof ECPublicKey ecKey)) {
      throw new IllegalArgumentException("unsupported encryption key " + publicKey.getAlgorithm());
    }
    X509Certificate recipient = certificate;
    AlgorithmParameterSpec curve = ecKey.getParams();
    if (ec == EcProvider.BOUNCY_CASTLE) {
      BouncyCastle.EcRecipient known = BouncyCastle.ecRecipient(certificate, ecKey);
      recipient = known.certificate();
      curve = known.ephemeralKeys();
    }
    // A fresh ephemeral key per block: ephemeral-static ECDH as in RFC 5753.
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", ec.provider());
    generator.initialize(curve);
    KeyPair ephemeral = generator.generateKeyPair();
    return new JceKeyAgreeRecipientInfoGenerator(
            CMSAlgorithm.ECDH_SHA256KDF,
            ephemeral.getPrivate(),
            ephemeral.getPublic(),
            CMSAlgorithm.AES256_WRAP)
        .addRecipient(recipient)
        .setProvider(BouncyCastle.PROVIDER);
  }

  private static Recipient recipientFor(PrivateKey key, X509Certificate certificate) {
    if (isRsa(certificate.getPublicKey())) {
      return new JceKeyTransAuthEnvelopedRecipient(key).setProvider(BouncyCastle.PROVIDER);
    }
    return new JceKeyAgreeAuthEnvelopedRecipient(key).setProvider(BouncyCastle.PROVIDER);
  }

  private static String requireShape(ObjectNode block) {
    if (block == null) {
      throw malformed("", "the identity block is missing");
    }
    for (Iterator<String> names = block.fieldNames(); names.hasNext(); ) {
      if (!MEMBERS.contains(names.next())) {
        throw malformed("", "unexpected member");
      }
    }
    if (!FORMAT.equals(block.path("format").asText(null)) || !block.path("format").isTextual()) {
      throw malformed("/format", "must be " + FORMAT);
    }
    if (!block.path("recipient").isTextual() || block.path("recipient").asText().isEmpty()) {
      throw malformed("/recipient", "required text");
    }
    if (!block.path("value").isTextual() || block.path("value").asText().isEmpty()) {
      throw malformed("/value", "required base64 text");
    }
    return block.get("recipient").asText();
  }

  private static boolean isRsa(PublicKey key) {
    return "RSA".equals(key.getAlgorithm());
  }

  private static KopirException malformed(String pointer, String message) {
    return new KopirException(
        ErrorCode.SCHEMA_VIOLATION,
        "The identity block is malformed.",
        List.of(new FieldError(POINTER + pointer, message)));
  }

  private static KopirException unreadable(String why) {
    return new KopirException(
        ErrorCode.UNREADABLE_IDENTITY_BLOCK,
        "The identity block cannot be opened: " + why + ".",
        List.of(new FieldError(POINTER, why)));
  }
}
