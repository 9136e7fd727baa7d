package org.kopir.gateway.border;

/** Status of a message accepted at the border. */
public enum InboundStatus {
  RECEIVED,
  ENQUEUED,
  RETRIEVED
}
