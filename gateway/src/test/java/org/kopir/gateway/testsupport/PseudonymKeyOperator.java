package org.kopir.gateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.kopir.gateway.crypto.DevPki;
import org.kopir.gateway.pseudonymization.PseudonymKeyCommand;
import picocli.CommandLine;

/**
 * One node's operator for pseudonym keys, as docs/privacy.md §4 has them work: the node gets its
 * own copies of the partnership files and of the demo pseudonym keys (so a test can change them
 * without touching the repository or the other node), new keys are made with the {@code
 * pseudonym-key} command and copied to the partner, and the node is driven through {@code
 * /api/v1/partners/{partner}/pseudonym-keys}. Call {@link #of} before the node starts.
 */
public final class PseudonymKeyOperator {

  private final TestNode node;
  private final Path configDir;
  private final Path keyRoot;
  private final Http operator;

  private PseudonymKeyOperator(TestNode node, Path configDir, Path keyRoot) {
    this.node = node;
    this.configDir = configDir;
    this.keyRoot = keyRoot;
    this.operator = node.person("operator");
  }

  /** Gives {@code node} its own configuration and key directories under {@code dir}. */
  public static PseudonymKeyOperator of(TestNode node, Path dir) {
    Path configDir = TestPartners.copyConfig(dir.resolve("config"));
    Path keyRoot = dir.resolve(DevPki.PSEUDONYM_KEYS);
    TestPartners.copyTree(DemoPki.root().resolve(DevPki.PSEUDONYM_KEYS), keyRoot);
    node.set("kopir.config-dir", configDir).set("kopir.pseudonymization.key-dir", keyRoot);
    return new PseudonymKeyOperator(node, configDir, keyRoot);
  }

  /** The key directory of {@code partnership} (e.g. {@code kg-kz}) at this node. */
  public Path keyDir(String partnership) {
    return keyRoot.resolve(partnership);
  }

  /** Step 1 at one node: a new key file made by the {@code pseudonym-key} command. */
  public Path createKey(String partnership, String kid) {
    int exit =
        new CommandLine(new PseudonymKeyCommand())
            .execute("--dir", keyDir(partnership).toString(), "--kid", kid);
    if (exit != 0) {
      throw new IllegalStateException("pseudonym-key exited with " + exit);
    }
    return keyDir(partnership).resolve(kid + ".key");
  }

  /** Step 1 at the other node: the key file, copied over a channel fit for key material. */
  public void receiveKey(String partnership, Path keyFile) {
    try {
      Files.copy(keyFile, keyDir(partnership).resolve(keyFile.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets the partnership file's current kid at this node (identical at both). */
  public void setPartnershipFileKid(String partnership, String kid) {
    TestPartners.setCurrentKid(configDir, partnership, kid);
  }

  public Http.Answer keys(String partner) {
    return operator.get(url(partner));
  }

  public Http.Answer reload(String partner) {
    return operator.post(url(partner) + "/reload", null, new byte[0]);
  }

  public Http.Answer makeCurrent(String partner, String kid) {
    return operator.postJson(url(partner) + "/current", "{\"kid\":\"" + kid + "\"}");
  }

  public Http.Answer destroy(String partner, String kid) {
    return operator.delete(url(partner) + "/" + kid);
  }

  private String url(String partner) {
    return node.localUrl() + "/api/v1/partners/" + partner + "/pseudonym-keys";
  }
}
