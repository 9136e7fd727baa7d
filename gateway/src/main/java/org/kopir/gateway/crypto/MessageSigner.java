package org.kopir.gateway.crypto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Signs what this node sends across the border (SPEC §3, §5) with its node signing key, and audit
 * checkpoints (SPEC §7) with its audit key: CMS detached over the RFC 8785 canonical bytes. Each
 * signature takes the signing credential in use at that moment, so a rollover ({@link
 * NodeCredentialRollover}) applies from the next message on.
 */
@Component
public class MessageSigner {

  private final Supplier<SigningCredential> signingKey;
  private final Supplier<SigningCredential> auditKey;
  private final EcProvider ec;

  @org.springframework.beans.factory.annotation.Autowired
  public MessageSigner(CryptoMaterial material) {
    this.signingKey = material::signing;
    this.auditKey = material::audit;
    this.ec = material.ecProvider();
  }

  public MessageSigner(SigningCredential signingKey, SigningCredential auditKey) {
    this(signingKey, auditKey, EcProvider.DEFAULT);
  }

  public MessageSigner(SigningCredential signingKey, SigningCredential auditKey, EcProvider ec) {
    this.signingKey = () -> signingKey;
    this.auditKey = () -> auditKey;
    this.ec = ec;
  }

  /** {@code {"envelope": envelope, "signature": {...}}}. */
  public ObjectNode signMessage(ObjectNode envelope) {
    return SignedJson.wrap("envelope", envelope, sign(envelope, signingKey));
  }

  /** A signed message and the digest of its envelope ({@link #digest}). */
  public record SignedMessage(ObjectNode signed, String envelopeDigest) {}

  /**
   * {@link #signMessage} and {@link #digest} of the envelope from one canonicalization: the same
   * signed message and digest.
   */
  public SignedMessage signMessageWithDigest(ObjectNode envelope) {
    byte[] canonical = Canonicalizer.canonicalBytes(envelope);
    ObjectNode signed =
        SignedJson.wrap(
            "envelope", envelope, CmsSignatures.signDetached(canonical, signingKey.get(), ec));
    return new SignedMessage(signed, Canonicalizer.sha256Hex(canonical));
  }

  /** {@code {"receipt": receipt, "signature": {...}}}. */
  public ObjectNode signReceipt(ObjectNode receipt) {
    return SignedJson.wrap("receipt", receipt, sign(receipt, signingKey));
  }

  /** The signature object ({@code format}, {@code value}) over an audit checkpoint. */
  public ObjectNode signCheckpoint(ObjectNode checkpoint) {
    return SignedJson.signatureObject(sign(checkpoint, auditKey));
  }

  /** Hex SHA-256 of the canonical bytes: the {@code messageDigest} of receipts. */
  public static String digest(ObjectNode value) {
    return Canonicalizer.digestHex(value);
  }

  private byte[] sign(ObjectNode value, Supplier<SigningCredential> credential) {
    return CmsSignatures.signDetached(Canonicalizer.canonicalBytes(value), credential.get(), ec);
  }
}
