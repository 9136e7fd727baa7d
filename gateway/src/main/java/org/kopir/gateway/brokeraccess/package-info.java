/**
 * Who may use the embedded broker: each local agency only its own outbox and inbox, the partner
 * node only the border queue and its temporary reply queues, the node itself in-VM.
 */
package org.kopir.gateway.brokeraccess;
