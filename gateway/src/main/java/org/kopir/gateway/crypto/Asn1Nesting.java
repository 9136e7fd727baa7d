package org.kopir.gateway.crypto;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How deeply the constructed values of a BER/DER encoding nest, found without recursion. Bouncy
 * Castle parses nested values recursively (a nested stream per level), so a few kilobytes of {@code
 * 30 80 30 80 ...} from a peer overflow the parsing thread's stack; callers refuse such input
 * before handing it over. An encoding this scan cannot read to its end (a length beyond the input,
 * a truncated header) counts as too deep: its depth cannot be bounded, and the parser, which reads
 * lazily, may already have descended into the nesting before it finds the fault.
 */
final class Asn1Nesting {

  /** Deeper than any CMS structure or certificate we read (they stay below twenty levels). */
  static final int MAX_DEPTH = 64;

  private static final int INDEFINITE = -1;

  private Asn1Nesting() {}

  /**
   * True when constructed values in {@code encoding} nest deeper than {@link #MAX_DEPTH}, or when
   * the encoding is malformed so that their depth cannot be told.
   */
  static boolean tooDeep(byte[] encoding) {
    Deque<Integer> open = new ArrayDeque<>();
    int length = encoding.length;
    int pos = 0;
    while (pos < length) {
      while (!open.isEmpty() && open.peek() != INDEFINITE && pos >= open.peek()) {
        open.pop();
      }
      if (!open.isEmpty()
          && open.peek() == INDEFINITE
          && encoding[pos] == 0
          && pos + 1 < length
          && encoding[pos + 1] == 0) {
        open.pop();
        pos += 2;
        continue;
      }
      int tag = encoding[pos++] & 0xFF;
      if ((tag & 0x1F) == 0x1F) {
        while (pos < length && (encoding[pos] & 0x80) != 0) {
          pos++;
        }
        pos++;
      }
      if (pos >= length) {
        return true;
      }
      int first = encoding[pos++] & 0xFF;
      long contentLength;
      boolean indefinite = first == 0x80;
      if (first < 0x80) {
        contentLength = first;
      } else if (indefinite) {
        contentLength = 0;
      } else {
        int octets = first & 0x7F;
        if (octets > 4 || pos + octets > length) {
          return true;
        }
        contentLength = 0;
        for (int i = 0; i < octets; i++) {
          contentLength = (contentLength << 8) | (encoding[pos++] & 0xFF);
        }
      }
      if (contentLength > length - pos) {
        return true;
      }
      if ((tag & 0x20) != 0) {
        open.push(indefinite ? INDEFINITE : pos + (int) contentLength);
        if (open.size() > MAX_DEPTH) {
          return true;
        }
      } else if (indefinite) {
        return true;
      } else {
        pos += (int) contentLength;
      }
    }
    return false;
  }
}
