package org.kopir.gateway.crypto;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * What a Kopir certificate is for. The profile fixes the subject's organizational unit (the party
 * class a verifier checks, see {@link KopirNames}), the key usage and the extended key usage.
 */
public enum CertificateProfile {
  /** Node TLS, both server (border and local API) and client (calls to the partner border). */
  NODE_TLS(
      KopirNames.UNIT_NODE,
      KeyUsage.digitalSignature,
      new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}),
  /** Node message and receipt signing (SPEC §3, §5). */
  NODE_SIGNING(KopirNames.UNIT_NODE, KeyUsage.digitalSignature | KeyUsage.nonRepudiation, null),
  /** Node audit checkpoint signing (SPEC §7). */
  NODE_AUDIT(KopirNames.UNIT_NODE, KeyUsage.digitalSignature | KeyUsage.nonRepudiation, null),
  /** Agency system TLS client certificate for the local API; CN = agency id. */
  AGENCY_TLS(
      KopirNames.UNIT_AGENCY,
      KeyUsage.digitalSignature,
      new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}),
  /** Agency identity-block key (SPEC §4): key agreement for EC, key encipherment for RSA. */
  AGENCY_ENCRYPTION(KopirNames.UNIT_AGENCY, KeyUsage.keyAgreement, null);

  private final String organizationalUnit;
  private final int keyUsage;
  private final KeyPurposeId[] extendedKeyUsage;

  CertificateProfile(String organizationalUnit, int keyUsage, KeyPurposeId[] extendedKeyUsage) {
    this.organizationalUnit = organizationalUnit;
    this.keyUsage = keyUsage;
    this.extendedKeyUsage = extendedKeyUsage;
  }

  public String organizationalUnit() {
    return organizationalUnit;
  }

  /** Bouncy Castle key usage bits for an EC key. */
  int keyUsage() {
    return keyUsage;
  }

  /** Extended key usages, or {@code null} when the certificate carries none. */
  KeyPurposeId[] extendedKeyUsage() {
    return extendedKeyUsage == null ? null : extendedKeyUsage.clone();
  }
}
