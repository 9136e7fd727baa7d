package org.kopir.gateway.pseudonymization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;

class PseudonymKeyStoreTest {

  private static final String K2_HEX = "c0ffee".repeat(10) + "c0ff";

  @TempDir Path keyDir;
  private final TestKeys.RecordingTrail trail = new TestKeys.RecordingTrail();

  @Test
  void loadsEveryKeyOfTheDirectoryAndUsesTheConfiguredCurrentKid() {
    TestKeys.writeKey(keyDir, "k2", K2_HEX);
    PseudonymKeyStore store = TestKeys.vectorStore(keyDir, trail);

    assertThat(store.currentKid()).isEqualTo("k1");
    assertThat(store.allKids()).containsExactly("k1", "k2");
  }

  @Test
  void thePartnershipsKeyDirectoriesLiveUnderTheConfiguredRoot() {
    PseudonymizationProperties properties = new PseudonymizationProperties();
    assertThat(properties.getKeyDir()).isEqualTo(Path.of("certs-dev/pseudonym-keys"));

    TestKeys.writeKey(keyDir, "k1", TestKeys.VECTOR_KEY_HEX);
    assertThat(new PseudonymKeyStore(keyDir, "k1", trail).currentKid()).isEqualTo("k1");
  }

  @Test
  void rotationSwitchesTheCurrentKidKeepsTheOldOneAndIsAudited() {
    PseudonymKeyStore store = TestKeys.vectorStore(keyDir, trail);
    TestKeys.writeKey(keyDir, "k2", K2_HEX);

    store.rotateTo("k2", "operator:alice");

    assertThat(store.currentKid()).isEqualTo("k2");
    assertThat(store.hasKid("k1")).isTrue();
    assertThat(trail.entries).hasSize(1);
    AuditEntry entry = trail.entries.get(0);
    assertThat(entry.event()).isEqualTo(AuditEvent.KEY_ROTATED);
    assertThat(entry.actor()).isEqualTo("operator:alice");
    assertThat(entry.detail())
        .containsEntry("oldKid", "k1")
        .containsEntry("newKid", "k2")
        .containsEntry("keyType", "pseudonym");
    assertThat(entry.toString()).doesNotContain(K2_HEX).doesNotContain("c0ffee");
  }

  @Test
  void rotationToAnUnknownKidChangesNothing() {
    PseudonymKeyStore store = TestKeys.vectorStore(keyDir, trail);

    assertThatThrownBy(() -> store.rotateTo("k9", "operator:alice"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.currentKid()).isEqualTo("k1");
    assertThat(trail.entries).isEmpty();
  }

  @Test
  void rotatingToTheKidAlreadyCurrentRecordsNothing() {
    PseudonymKeyStore store = TestKeys.vectorStore(keyDir, trail);

    store.rotateTo("k1", "operator:alice");

    assertThat(store.currentKid()).isEqualTo("k1");
    assertThat(trail.entries).isEmpty();
  }

  @Test
  void auditRecordsNameThePartnershipOfTheKeyRing() {
    TestKeys.writeKey(keyDir, "k1", TestKeys.VECTOR_KEY_HEX);
    TestKeys.writeKey(keyDir, "k2", K2_HEX);
    PseudonymKeyStore store = new PseudonymKeyStore(keyDir, "k1", "kg-kz", trail);

    store.rotateTo("k2", "user:operator");
    store.destroy("k1", "user:operator");

    assertThat(trail.entries)
        .extracting(AuditEntry::event)
        .containsExactly(AuditEvent.KEY_ROTATED, AuditEvent.KEY_DESTROYED);
    assertThat(trail.entries)
        .allSatisfy(e -> assertThat(e.detail()).containsEntry("partnership", "kg-kz"));
  }

  @Test
  void destroyingAnOldKidDropsItFromTheRingDeletesItsFileAndIsAuditedWithTheKidOnly() {
    TestKeys.writeKey(keyDir, "k2", K2_HEX);
    PseudonymKeyStore store = TestKeys.vectorStore(keyDir, trail);
    store.rotateTo("k2", "operator:alice");
    trail.entries.clear();

    store.destroy("k1", "operator:alice");

    assertThat(store.allKids()).containsExactly("k2");
    assertThat(store.currentKid()).isEqualTo("k2");
    assertThat(keyDir.resolve("k1.key")).doesNotExist();
    assertThatThrownBy(() -> store.macFor("k1")).isInstanceOf(IllegalArgumentException.class);
    AuditEntry entry = trail.entries.get(0);
    assertThat(trail.entries).hasSize(1);
    assertThat(entry.event()).isEqualTo(AuditEvent.KEY_DESTROYED);
    assertThat(entry.event().wireName()).isEqualTo("key.destroyed");
    assertThat(entry.actor()).isEqualTo("operator:alice");
    assertThat(entry.detail()).containsEntry("kid", "k1").containsEntry("keyType", "pseudonym");
    assertThat(entry.toString()).doesNotContain("000102");
  }

  @Test
  void destroyingOverwritesTheKeyBytesBeforeTheFileIsDeleted() throws IOException {
    TestKeys.writeKey(keyDir, "k2", K2_HEX);
    PseudonymKeyStore store = TestKeys.vectorStore(keyDir, trail);
    // A second name for the same file shows what its blocks hold once the key's name is gone.
    Path sameFile = Files.createLink(keyDir.resolve("k1.link"), keyDir.resolve("k1.key"));
    long size = Files.size(sameFile);
    store.rotateTo("k2", "operator:alice");

    store.destroy("k1", "operator:alice");

    assertThat(Files.size(sameFile)).isEqualTo(size);
    assertThat(
            new String(Files.readAllBytes(sameFile), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(TestKeys.VECTOR_KEY_HEX)
        .doesNotContain("000102030405");
  }

  @Test
  void theCurrentKidIsNeverDestroyed() {
    TestKeys.writeKey(keyDir, "k2", K2_HEX);
    PseudonymKeyStore store = TestKeys.vectorStore(keyDir, trail);

    assertThatThrownBy(() -> store.destroy("k1", "operator:alice"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("current");
    assertThat(keyDir.resolve("k1.key")).exists();
    assertThat(store.allKids()).containsExactly("k1", "k2");
    assertThat(trail.entries).isEmpty();
  }

  @Test
  void destroyingAKidWithoutAKeyFileChangesNothing() {
    PseudonymKeyStore store = TestKeys.vectorStore(keyDir, trail);

    assertThatThrownBy(() -> store.destroy("k9", "operator:alice"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.destroy("../k1", "operator:alice"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.allKids()).containsExactly("k1");
    assertThat(trail.entries).isEmpty();
  }

  @Test
  void reloadLoadsNewKeysRetiresRemovedOnesAndAuditsTheChange() throws IOException {
    TestKeys.writeKey(keyDir, "k0", K2_HEX);
    PseudonymKeyStore store = TestKeys.vectorStore(keyDir, trail);
    Files.delete(keyDir.resolve("k0.key"));
    TestKeys.writeKey(keyDir, "k2", K2_HEX);

    store.reload("operator:alice");

    assertThat(store.allKids()).containsExactly("k1", "k2");
    assertThat(trail.entries)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.event()).isEqualTo(AuditEvent.CONFIG_CHANGED);
              assertThat(e.detail()).containsEntry("removedKids", java.util.List.of("k0"));
            });
  }

  @Test
  void reloadWithoutChangesIsNotAudited() {
    PseudonymKeyStore store = TestKeys.vectorStore(keyDir, trail);
    store.reload("operator:alice");
    assertThat(trail.entries).isEmpty();
  }

  @Test
  void missingCurrentKeyFailsTheStart() {
    TestKeys.writeKey(keyDir, "k2", K2_HEX);

    assertThatThrownBy(() -> new PseudonymKeyStore(keyDir, "k1", trail))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("k1")
        .hasMessageNotContaining(K2_HEX);
  }

  @Test
  void missingDirectoryFailsTheStart() {
    assertThatThrownBy(() -> new PseudonymKeyStore(keyDir.resolve("absent"), "k1", trail))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void malformedKeyFileIsRefusedWithoutEchoingItsContent() {
    String almostKey = "abcdef0123".repeat(6); // 60 hex characters
    TestKeys.writeKey(keyDir, "k1", almostKey);

    assertThatThrownBy(() -> new PseudonymKeyStore(keyDir, "k1", trail))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("64 hex")
        .hasMessageNotContaining("abcdef");
  }

  @Test
  void kidWithADotIsRefusedBecauseItWouldBreakThePseudonymFormat() {
    TestKeys.writeKey(keyDir, "k1", TestKeys.VECTOR_KEY_HEX);
    TestKeys.writeKey(keyDir, "k.2", K2_HEX);

    assertThatThrownBy(() -> new PseudonymKeyStore(keyDir, "k1", trail))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void toStringNamesKidsOnly() {
    PseudonymKeyStore store = TestKeys.vectorStore(keyDir, trail);

    assertThat(store.toString())
        .isEqualTo("PseudonymKeyStore[currentKid=k1, kids=[k1]]")
        .doesNotContain("000102");
  }
}
