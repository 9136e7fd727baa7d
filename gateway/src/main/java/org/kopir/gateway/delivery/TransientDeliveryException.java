package org.kopir.gateway.delivery;

/**
 * A forwarding attempt that failed in a way worth retrying (partner down, timeout, 5xx, no
 * receipt). The outbound transaction rolls back and the broker redelivers later.
 */
public class TransientDeliveryException extends RuntimeException {
  public TransientDeliveryException(String reason) {
    super(reason, null, false, false);
  }
}
