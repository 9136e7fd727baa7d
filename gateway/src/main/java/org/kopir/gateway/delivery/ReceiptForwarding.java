package org.kopir.gateway.delivery;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The {@code return-receipts} route's step: hands a queued receipt to the partner node over the
 * configured transport.
 */
@Component("receiptForwarding")
public class ReceiptForwarding {

  private final BorderTransport client;

  public ReceiptForwarding(BorderTransport client) {
    this.client = client;
  }

  public void forward(Exchange exchange) {
    int status = client.sendReceipt(exchange.getMessage().getBody(String.class));
    if (status != 204) {
      throw new TransientDeliveryException("partner did not take the receipt, HTTP " + status);
    }
  }
}
