/**
 * The message broker: the embedded Artemis server's acceptor and journal, queue names, and the
 * broker-side redelivery policy of outbound queues.
 */
package org.kopir.gateway.broker;
