/**
 * Delivery to the partner node: the outbound queues' consumer, the border transport (HTTPS here;
 * SOAP and JMS in {@code org.kopir.gateway.transport}), receipt verification, the retry budget per
 * priority and the overdue watch. Parking and replaying dead letters is {@code
 * org.kopir.gateway.deadletters}.
 */
package org.kopir.gateway.delivery;
