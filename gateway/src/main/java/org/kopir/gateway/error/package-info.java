/**
 * Refusals: the stable error-code catalogue (SPEC §10), the exception that carries a code, and its
 * rendering as RFC 9457 problem+json.
 */
package org.kopir.gateway.error;
