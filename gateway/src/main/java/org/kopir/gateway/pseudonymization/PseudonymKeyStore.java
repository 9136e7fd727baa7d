package org.kopir.gateway.pseudonymization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditTrail;

/**
 * One partnership's pseudonym keys {@code K[kid]} (SPEC §6), loaded from a directory of files
 * {@code <kid>.key}, each holding 64 hex characters (256 bits). New pseudonyms use the current kid;
 * every other key in the directory stays loaded so that links across a rotation can still be
 * computed. Key material never leaves this class except as an initialised {@link Mac}, and never
 * appears in a message, log line or {@link #toString()}.
 */
public final class PseudonymKeyStore {

  /** Lowercase, no dots: a kid is the middle segment of a dot-separated pseudonym. */
  private static final Pattern KID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  private static final Pattern HEX_256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final String KEY_SUFFIX = ".key";
  private static final String HMAC = "HmacSHA256";

  private final Path keyDir;
  private final AuditTrail auditTrail;
  private volatile KeyRing ring;

  /**
   * Loads every {@code <kid>.key} file of {@code keyDir}.
   *
   * @throws IllegalStateException if the directory cannot be read, a key file is malformed, or
   *     there is no key for {@code currentKid}
   */
  public PseudonymKeyStore(Path keyDir, String currentKid, AuditTrail auditTrail) {
    this.keyDir = keyDir;
    this.auditTrail = auditTrail;
    Map<String, SecretKeySpec> keys = readKeys(keyDir);
    requireKnown(keys, currentKid);
    this.ring = new KeyRing(keys, currentKid);
  }

  /** The kid new pseudonyms are made with. */
  public String currentKid() {
    return ring.currentKid();
  }

  /** Every loaded kid, in natural order. */
  public Set<String> allKids() {
    return ring.keys().keySet();
  }

  public boolean hasKid(String kid) {
    return ring.keys().containsKey(kid);
  }

  /**
   * Makes {@code kid} the current key, re-reading the directory first so that a key file added
   * since start-up can be used, and records {@code key.rotated} with the old and new kid.
   *
   * @throws IllegalArgumentException if there is no key file for {@code kid}
   */
  public synchronized void rotateTo(String kid, String actor) {
    Map<String, SecretKeySpec> keys = readKeys(keyDir);
    if (!keys.containsKey(kid)) {
      throw new IllegalArgumentException("no pseudonym key with kid " + safeKid(kid));
    }
    String oldKid = ring.currentKid();
    ring = new KeyRing(keys, kid);
    auditTrail.record(
        AuditEntry.of(AuditEvent.KEY_ROTATED)
            .actor(actor)
            .detail("keyType", "pseudonym")
            .detail("oldKid", oldKid)
            .detail("newKid", kid)
            .build());
  }

  /**
   * Re-reads the directory, keeping the current kid: keys added are loaded, keys whose files were
   * removed are retired. A change is recorded as {@code config.changed} with the kids only.
   *
   * @throws IllegalStateException if the current key's file is gone (the old ring stays in use)
   */
  public synchronized void reload(String actor) {
    Map<String, SecretKeySpec> keys = readKeys(keyDir);
    String current = ring.currentKid();
    requireKnown(keys, current);
    Set<String> added = new TreeSet<>(keys.keySet());
    added.removeAll(ring.keys().keySet());
    Set<String> removed = new TreeSet<>(ring.keys().keySet());
    removed.removeAll(keys.keySet());
    ring = new KeyRing(keys, current);
    if (added.isEmpty() && removed.isEmpty()) {
      return;
    }
    auditTrail.record(
        AuditEntry.of(AuditEvent.CONFIG_CHANGED)
            .actor(actor)
            .detail("change", "pseudonym-keys-reloaded")
            .detail("addedKids", List.copyOf(added))
            .detail("removedKids", List.copyOf(removed))
            .build());
  }

  /**
   * A fresh HMAC-SHA256 initialised with {@code K[kid]}; callers must not share it across threads.
   */
  Mac macFor(String kid) {
    SecretKeySpec key = ring.keys().get(kid);
    if (key == null) {
      throw new IllegalArgumentException("no pseudonym key with kid " + safeKid(kid));
    }
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    KeyRing current = ring;
    return "PseudonymKeyStore[currentKid="
        + current.currentKid()
        + ", kids="
        + current.keys().keySet()
        + "]";
  }

  private static void requireKnown(Map<String, SecretKeySpec> keys, String kid) {
    if (kid == null || !keys.containsKey(kid)) {
      throw new IllegalStateException(
          "no pseudonym key file for the current kid "
              + safeKid(kid)
              + "; loaded: "
              + keys.keySet());
    }
  }

  private static Map<String, SecretKeySpec> readKeys(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalStateException("pseudonym key directory not found: " + dir);
    }
    Map<String, SecretKeySpec> keys = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + KEY_SUFFIX)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        String kid = name.substring(0, name.length() - KEY_SUFFIX.length());
        if (!KID.matcher(kid).matches()) {
          throw new IllegalStateException(
              "pseudonym key file name must be <kid>.key with a lowercase kid without dots: "
                  + safeKid(kid));
        }
        keys.put(kid, readKey(file, kid));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read pseudonym key directory " + dir, e);
    }
    return keys;
  }

  private static SecretKeySpec readKey(Path file, String kid) throws IOException {
    String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
    if (!HEX_256.matcher(hex).matches()) {
      // Deliberately says nothing about the content: it may be (part of) a key.
      throw new IllegalStateException(
          "pseudonym key file for kid " + kid + " must hold exactly 64 hex characters");
    }
    byte[] bytes = new byte[32];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex, i * 2, i * 2 + 2, 16);
    }
    SecretKeySpec spec = new SecretKeySpec(bytes, HMAC);
    java.util.Arrays.fill(bytes, (byte) 0);
    return spec;
  }

  /** Kids come from configuration and file names; bound their length before echoing them. */
  private static String safeKid(String kid) {
    if (kid == null) {
      return "(none)";
    }
    return KID.matcher(kid).matches() ? kid : "(invalid kid)";
  }

  private record KeyRing(Map<String, SecretKeySpec> keys, String currentKid) {
    KeyRing {
      keys = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(keys));
    }

    @Override
    public String toString() {
      return "KeyRing[currentKid=" + currentKid + ", kids=" + new ArrayList<>(keys.keySet()) + "]";
    }
  }
}
