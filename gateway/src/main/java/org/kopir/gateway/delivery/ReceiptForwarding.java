package org.kopir.gateway.delivery;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The {@code return-receipts} route's step: posts a queued receipt to the partner node. */
@Component("receiptForwarding")
public class ReceiptForwarding {

  private final BorderClient client;

  public ReceiptForwarding(BorderClient client) {
    this.client = client;
  }

  public void forward(Exchange exchange) {
    int status = client.postReceipt(exchange.getMessage().getBody(String.class));
    if (status != 204) {
      throw new TransientDeliveryException("partner did not take the receipt, HTTP " + status);
    }
  }
}
