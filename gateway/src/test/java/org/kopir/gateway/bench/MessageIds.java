package org.kopir.gateway.bench;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.Locale;
import java.util.UUID;

/**
 * The message ids the benchmark's submitting agency chooses (SPEC §2.1: a UUID chosen by the
 * submitter, version 7 recommended). The nodes key their ledger, inbox, link keys and the audit
 * trail's message index by this id, so its order decides where in those trees each referral's rows
 * land.
 */
enum MessageIds {
  /** Version 4: random, so each referral's rows land in a page of their own in each tree. */
  RANDOM {
    @Override
    String next() {
      return UUID.randomUUID().toString();
    }
  },
  /** Version 7, as the spec recommends: time-ordered, so new rows land at each tree's end. */
  TIME_ORDERED {
    @Override
    String next() {
      return TIME_BASED.generate().toString();
    }
  };

  private static final TimeBasedEpochGenerator TIME_BASED = Generators.timeBasedEpochGenerator();

  /** A new message id. */
  abstract String next();

  /** The ids of a {@code --message-ids} argument: {@code random} or {@code time-ordered}. */
  static MessageIds named(String name) {
    for (MessageIds ids : values()) {
      if (ids.label().equals(name)) {
        return ids;
      }
    }
    throw new IllegalArgumentException("--message-ids is random or time-ordered, not " + name);
  }

  String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
