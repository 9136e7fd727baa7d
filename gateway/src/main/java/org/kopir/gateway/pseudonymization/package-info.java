/**
 * Pseudonymization of payloads before they leave the local side (SPEC §4, §6): the keyed pseudonym
 * function and its key ring, the script-independent name skeleton, the schema-driven walker that
 * splits a payload into its cleared part and its protected fields, link keys, purpose profiles, and
 * the operators' API that reloads, rotates and destroys a partnership's keys without a restart. It
 * never encrypts: the protected fields go to the identity-block cipher elsewhere.
 */
package org.kopir.gateway.pseudonymization;
