/**
 * Intake: receiving envelopes from local agency systems (REST, SOAP, JMS), hostile-input limits,
 * idempotency by {@code messageId}, and the answer to the submitter.
 */
package org.kopir.gateway.intake;
