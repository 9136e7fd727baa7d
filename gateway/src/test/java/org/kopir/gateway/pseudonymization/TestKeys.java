package org.kopir.gateway.pseudonymization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditTrail;

/** Key directories for tests: the SPEC §6 vector key and arbitrary others. */
final class TestKeys {

  /** Bytes 0x00..0x1f, the key of the SPEC §6 test vectors. */
  static final String VECTOR_KEY_HEX =
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

  private TestKeys() {}

  static Path writeKey(Path dir, String kid, String hex) {
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve(kid + ".key"), hex + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PseudonymKeyStore vectorStore(Path dir, AuditTrail trail) {
    writeKey(dir, "k1", VECTOR_KEY_HEX);
    return new PseudonymKeyStore(dir, "k1", trail);
  }

  /** An audit trail that keeps what it is given. */
  static final class RecordingTrail implements AuditTrail {
    final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public void record(AuditEntry entry) {
      entries.add(entry);
    }
  }
}
