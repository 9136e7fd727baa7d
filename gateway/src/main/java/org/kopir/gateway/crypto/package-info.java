/**
 * Cryptography: RFC 8785 canonical bytes, CMS detached signatures (SPEC §3), certificate trust
 * decisions, identity-block encryption (SPEC §4), PEM/PKCS#12 key material and the development PKI.
 */
package org.kopir.gateway.crypto;
