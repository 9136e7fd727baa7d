/**
 * Dead letters: outbound messages whose retry budget is spent are parked here (the signed,
 * pseudonymized border form, never a message in clear) for operators to list and replay, next to
 * the messages the partner refused, which are final.
 */
package org.kopir.gateway.deadletters;
