/**
 * Delivery to the partner node: the outbound queue's consumer, the border client, receipts
 * verification, retries and dead letters.
 */
package org.kopir.gateway.delivery;
