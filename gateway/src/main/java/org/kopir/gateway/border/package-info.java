/**
 * The border: receiving signed messages from the partner node, idempotent registration, the agency
 * inbox queues, and receipts.
 */
package org.kopir.gateway.border;
