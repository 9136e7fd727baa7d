package org.kopir.gateway.intake;

/** Status of an outbound message at the sending node (SPEC §5). Published names: never rename. */
public enum OutboundStatus {
  RECEIVED,
  REJECTED,
  QUEUED,
  WAITING_FOR_RETRY,
  DELIVERED,
  RETRIEVED,
  DEAD_LETTERED,
  REFUSED;

  /** Statuses after which nothing more happens to the message unless an operator replays it. */
  public boolean isFinal() {
    return this == RETRIEVED || this == REFUSED || this == REJECTED;
  }
}
