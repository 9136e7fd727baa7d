package org.kopir.gateway.crypto;

/**
 * The signature is sound but the signer certificate was outside its validity at the signed
 * signing-time: an expired (or not yet valid) certificate rather than a forged signature.
 */
public class SignerCertificateNotValidException extends SignatureCheckException {
  public SignerCertificateNotValidException() {
    super("signer certificate is not valid at the signing time");
  }
}
