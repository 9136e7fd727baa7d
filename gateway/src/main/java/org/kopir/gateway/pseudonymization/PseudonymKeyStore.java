package org.kopir.gateway.pseudonymization;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
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
  private final String partnership;
  private final AuditTrail auditTrail;
  private volatile KeyRing ring;

  /** The current kid and every loaded kid (natural order), read together. */
  public record Kids(String current, List<String> all) {
    public Kids {
      all = List.copyOf(all);
    }
  }

  /**
   * Loads every {@code <kid>.key} file of {@code keyDir}.
   *
   * @throws IllegalStateException if the directory cannot be read, a key file is malformed, or
   *     there is no key for {@code currentKid}
   */
  public PseudonymKeyStore(Path keyDir, String currentKid, AuditTrail auditTrail) {
    this(keyDir, currentKid, null, auditTrail);
  }

  /**
   * As {@link #PseudonymKeyStore(Path, String, AuditTrail)}, naming the partnership (its id, e.g.
   * {@code kg-kz}) in the audit records of rotations, reloads and destroyed keys.
   */
  public PseudonymKeyStore(
      Path keyDir, String currentKid, String partnership, AuditTrail auditTrail) {
    this.keyDir = keyDir;
    this.partnership = partnership;
    this.auditTrail = auditTrail;
    Map<String, SecretKeySpec> keys = readKeys(keyDir);
    requireKnown(keys, currentKid);
    this.ring = new KeyRing(keys, currentKid);
  }

  /** Whether {@code kid} is a well-formed kid (lowercase letters, digits, '-', '_'; no dot). */
  public static boolean isKid(String kid) {
    return kid != null && KID.matcher(kid).matches();
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

  /** The current kid and every loaded kid of one consistent ring. */
  public Kids kids() {
    KeyRing current = ring;
    return new Kids(current.currentKid(), new ArrayList<>(current.keys().keySet()));
  }

  /**
   * Makes {@code kid} the current key, re-reading the directory first so that a key file added
   * since start-up can be used, and records {@code key.rotated} with the old and new kid. Rotating
   * to the kid already current only re-reads the directory and records nothing.
   *
   * @throws IllegalArgumentException if there is no key file for {@code kid}
   * @throws IllegalStateException if the directory cannot be read or holds a malformed key file
   *     (the old ring stays in use)
   */
  public synchronized void rotateTo(String kid, String actor) {
    Map<String, SecretKeySpec> keys = readKeys(keyDir);
    if (!keys.containsKey(kid)) {
      throw new IllegalArgumentException("no pseudonym key with kid " + safeKid(kid));
    }
    String oldKid = ring.currentKid();
    ring = new KeyRing(keys, kid);
    if (oldKid.equals(kid)) {
      return;
    }
    auditTrail.record(
        withPartnership(AuditEntry.of(AuditEvent.KEY_ROTATED))
            .actor(actor)
            .detail("keyType", "pseudonym")
            .detail("oldKid", oldKid)
            .detail("newKid", kid)
            .build());
  }

  /**
   * Destroys the key {@code kid} once links under it are no longer needed: its file is overwritten
   * with random bytes, forced to the disk, and deleted, and the kid leaves the ring, so no link key
   * is computed under it any more. Recorded as {@code key.destroyed} with the kid only. The
   * overwrite cannot reach copies the file system or a backup keeps elsewhere (docs/privacy.md §4).
   *
   * @throws IllegalArgumentException if there is no key file for {@code kid}
   * @throws IllegalStateException if {@code kid} is the current kid, or the directory cannot be
   *     read or holds a malformed key file (nothing is destroyed)
   */
  public synchronized void destroy(String kid, String actor) {
    Map<String, SecretKeySpec> keys = readKeys(keyDir);
    if (kid == null || !KID.matcher(kid).matches() || !keys.containsKey(kid)) {
      throw new IllegalArgumentException("no pseudonym key with kid " + safeKid(kid));
    }
    String current = ring.currentKid();
    if (kid.equals(current)) {
      throw new IllegalStateException(
          "pseudonym key " + kid + " is the current kid; rotate to another kid first");
    }
    Path file = keyDir.resolve(kid + KEY_SUFFIX);
    try {
      overwrite(file);
      Files.delete(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot destroy the pseudonym key file of kid " + kid, e);
    }
    keys.remove(kid);
    ring = new KeyRing(keys, current);
    auditTrail.record(
        withPartnership(AuditEntry.of(AuditEvent.KEY_DESTROYED))
            .actor(actor)
            .detail("keyType", "pseudonym")
            .detail("kid", kid)
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
        withPartnership(AuditEntry.of(AuditEvent.CONFIG_CHANGED))
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

  private AuditEntry.Builder withPartnership(AuditEntry.Builder entry) {
    return partnership == null ? entry : entry.detail("partnership", partnership);
  }

  /** Random bytes over the file's whole length, forced to the disk before it is deleted. */
  private static void overwrite(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("not a regular file");
    }
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      byte[] noise = new byte[(int) Math.min(Math.max(size, 1), 4096)];
      new SecureRandom().nextBytes(noise);
      long written = 0;
      while (written < size) {
        ByteBuffer buffer = ByteBuffer.wrap(noise, 0, (int) Math.min(noise.length, size - written));
        while (buffer.hasRemaining()) {
          written += channel.write(buffer, written);
        }
      }
      channel.force(true);
    }
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
