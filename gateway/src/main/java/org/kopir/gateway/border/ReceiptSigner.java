package org.kopir.gateway.border;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Adds this node's signature to a receipt's border form (SPEC §5). */
public interface ReceiptSigner {

  ObjectNode sign(ObjectNode receiptBorderForm);
}
