package org.kopir.gateway.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * How each partner answered this node's last forwarding attempts since start-up: the time of the
 * last delivery and of the last failed attempt with its reason (a status or an exception class,
 * never content). Operators see it per partner in the console and at {@code GET /api/v1/partners}.
 */
@Component
public class PartnerStatus {

  /** One partner's last answers; {@code null} for what did not happen since start-up. */
  public record State(Instant lastDelivered, Instant lastFailed, String lastFailure) {

    /** Reachable when the last answer was a delivery. */
    public boolean reachable() {
      return lastDelivered != null && (lastFailed == null || lastDelivered.isAfter(lastFailed));
    }
  }

  private static final State NONE = new State(null, null, null);

  private final Map<String, State> states = new ConcurrentHashMap<>();

  void delivered(String partner, Instant at) {
    states.merge(
        partner,
        new State(at, null, null),
        (old, now) -> new State(at, old.lastFailed(), old.lastFailure()));
  }

  void failed(String partner, Instant at, String reason) {
    states.merge(
        partner,
        new State(null, at, reason),
        (old, now) -> new State(old.lastDelivered(), at, reason));
  }

  /** What partner {@code partner} last answered. */
  public State of(String partner) {
    return states.getOrDefault(partner, NONE);
  }
}
