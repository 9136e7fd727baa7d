package org.kopir.gateway.crypto;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider, passed explicitly where the JDK lacks an algorithm (CMS key agreement
 * with a KDF, AES key wrap). It is never registered globally, so TLS and everything else keep the
 * JDK providers.
 */
final class BouncyCastle {

  static final Provider PROVIDER = new BouncyCastleProvider();

  private BouncyCastle() {}
}
