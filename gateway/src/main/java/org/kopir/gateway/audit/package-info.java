/**
 * The tamper-evident audit trail (SPEC §7): the event catalogue, the append-only hash-chained
 * store, signed checkpoints, the auditor API and the offline verifier.
 */
package org.kopir.gateway.audit;
