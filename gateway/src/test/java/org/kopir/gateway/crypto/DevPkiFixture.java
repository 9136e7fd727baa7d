package org.kopir.gateway.crypto;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.testsupport.TestPartners;

/**
 * A throw-away two-node PKI written by {@link DevPki} into a temporary directory, and the crypto
 * beans of either node built on it. Tests never use the committed certs-dev keys.
 */
public final class DevPkiFixture {

  /** Real time, because CMS signing-time is taken from the system clock. */
  static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  final Path root;
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  public DevPkiFixture(Path root) {
    this.root = root;
    DevPki.generate(root, DevPki.DEMO, NOW, false);
  }

  public static NodeProperties nodeProperties(String node) {
    return TestPartners.node(node);
  }

  public CryptoProperties cryptoProperties() {
    CryptoProperties properties = new CryptoProperties();
    properties.setCertsDir(root);
    return properties;
  }

  /** Where the PKI was generated. */
  public Path root() {
    return root;
  }

  public CryptoMaterial material(String node) {
    return material(node, EcProvider.DEFAULT);
  }

  /** {@code node}'s material with its elliptic-curve work done by {@code ec}. */
  public CryptoMaterial material(String node, EcProvider ec) {
    NodeProperties properties = nodeProperties(node);
    CryptoProperties crypto = cryptoProperties();
    crypto.setEcProvider(ec);
    return new CryptoMaterial(crypto, properties, TestPartners.partners(properties));
  }

  SignedMessageVerifier verifier(String node) {
    return new SignedMessageVerifier(material(node), cryptoProperties(), clock);
  }

  MessageSigner signer(String node) {
    return new MessageSigner(material(node));
  }

  CertificateAuthority ca(String node) {
    return CertificateAuthority.load(root.resolve(node));
  }

  /** A credential with the chain a node would send: the leaf only. */
  static SigningCredential credential(KeyAndCertificate issued) {
    return new SigningCredential(issued.privateKey(), List.of(issued.certificate()));
  }

  /** A referral envelope from kz-cpc to kg-cpd sent at {@code sentAt}. */
  static ObjectNode envelope(Instant sentAt) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode envelope = json.objectNode();
    ObjectNode header = envelope.putObject("header");
    header.put("messageId", "0193a4c2-7f3e-7cc1-9b5e-3a2f1c0d9e88");
    header.put("messageType", "referral.request");
    header.put("schemaVersion", "1");
    header.put("sentAt", sentAt.toString());
    header.putObject("sender").put("country", "KZ").put("agency", "kz-cpc");
    header.putObject("recipient").put("country", "KG").put("agency", "kg-cpd");
    header.put("caseToken", "case.k1.znod6ocixi2ywm5pajk6at42pq");
    header.putNull("correlationId");
    header.put("purpose", "referral");
    header.put("legalBasis", "treaty");
    header.put("priority", "high");
    envelope.putObject("payload").put("summary", "Ребёнок, 10 лет").put("siblings", 2);
    return envelope;
  }

  static ObjectNode receipt(String node, Instant at) {
    ObjectNode receipt = JsonNodeFactory.instance.objectNode();
    receipt.put("receiptId", "0193a4c2-7f3e-7cc1-9b5e-3a2f1c0d9e99");
    receipt.put("messageId", "0193a4c2-7f3e-7cc1-9b5e-3a2f1c0d9e88");
    receipt.put("messageDigest", "00".repeat(32));
    receipt.put("outcome", "DELIVERED");
    receipt.putNull("reason");
    receipt.put("at", at.toString());
    receipt.put("node", node);
    return receipt;
  }
}
