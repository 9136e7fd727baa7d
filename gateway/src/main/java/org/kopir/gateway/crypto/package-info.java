/**
 * Cryptography and trust: RFC 8785 canonical bytes, CMS detached signatures and their verification
 * against the partner CA (SPEC §3, §5), identity-block encryption (SPEC §4), certificate path and
 * naming rules, TLS contexts for the border, certificate expiry health, PEM/PKCS#12 key material
 * ({@code kopir.crypto.*}) and the development PKI generator.
 */
package org.kopir.gateway.crypto;
