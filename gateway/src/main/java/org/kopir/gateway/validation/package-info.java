/**
 * Validation of submitted envelopes: the JSON Schema 2020-12 files under {@code schemas/} (compiled
 * once at start-up), the data-class and handling annotations they carry, the rules a schema cannot
 * express (national id check digits, ages, routing, purpose, consent, correlation) and the
 * generated message catalogue {@code docs/messages.md}.
 */
package org.kopir.gateway.validation;
