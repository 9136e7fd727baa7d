package org.kopir.gateway.delivery;

/**
 * How this node hands signed messages and receipts to the partner node (SPEC §9), chosen by {@code
 * kopir.delivery.transport}. Every transport carries the same signed bytes and answers
 * synchronously, so retries, dead letters and statuses do not depend on it. Failures to reach the
 * partner are {@link TransientDeliveryException}s.
 */
public interface BorderTransport {

  /** Delivers a signed message; the answer carries the partner's signed receipt, if any. */
  BorderAnswer send(String signedMessage);

  /** Delivers a signed RETRIEVED receipt; 204 means the partner took it. */
  int sendReceipt(String signedReceipt);
}
