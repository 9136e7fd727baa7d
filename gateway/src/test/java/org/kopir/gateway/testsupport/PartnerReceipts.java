package org.kopir.gateway.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.kopir.gateway.crypto.MessageSigner;
import org.kopir.gateway.crypto.PemFiles;
import org.kopir.gateway.crypto.SigningCredential;

/** Messages and receipts as a partner node signs them, with its key of the development PKI. */
public final class PartnerReceipts {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String node;
  private final MessageSigner signer;

  private PartnerReceipts(String node, MessageSigner signer) {
    this.node = node;
    this.signer = signer;
  }

  /** Receipts signed by {@code node}'s signing key. */
  public static PartnerReceipts of(String node) {
    Path dir = DemoPki.root().resolve(node);
    SigningCredential signing =
        PemFiles.readCredential(dir.resolve("node-signing.key"), dir.resolve("node-signing.crt"));
    return new PartnerReceipts(node, new MessageSigner(signing, signing));
  }

  /** {@code envelope} as the partner node sends it over the border: {envelope, signature}. */
  public ObjectNode signedMessage(ObjectNode envelope) {
    return signer.signMessage(envelope);
  }

  /** A signed receipt {receipt, signature} with {@code outcome} for the message. */
  public ObjectNode signed(String outcome, String messageId, String digest, String reason) {
    ObjectNode receipt = MAPPER.createObjectNode();
    receipt.put("receiptId", UUID.randomUUID().toString());
    receipt.put("messageId", messageId);
    receipt.put("messageDigest", digest);
    receipt.put("outcome", outcome);
    if (reason == null) {
      receipt.putNull("reason");
    } else {
      receipt.put("reason", reason);
    }
    receipt.put("at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    receipt.put("node", node);
    return signer.signReceipt(receipt);
  }
}
