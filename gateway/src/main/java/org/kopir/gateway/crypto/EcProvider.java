package org.kopir.gateway.crypto;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;

/**
 * Which JCA provider does the elliptic-curve work of messages and receipts: ECDSA signing and
 * verification, and the ephemeral key pairs of identity blocks ({@code kopir.crypto.ec-provider}).
 * Which is faster depends on the CPU and the operation (SunEC has its fastest P-256 arithmetic only
 * with AVX-512 IFMA; on the four CPUs measured, with it and without, Bouncy Castle, given its own
 * key objects, signed 1.4 to 1.9 times and verified 3.2 to 5 times faster, and sealed identity
 * blocks faster or about as fast). {@code EcProviderBenchmark} compares them on the machine that
 * runs the node; docs/performance.md has each CPU's figures. Both produce standard signatures; the
 * two nodes of a partnership need not choose alike.
 */
public enum EcProvider {
  /** Bouncy Castle, already a dependency; never registered globally. */
  BOUNCY_CASTLE,
  /** The JDK's SunEC. */
  JDK;

  /** The provider to pass to JCA and Bouncy Castle builders (looked up once, not per call). */
  public Provider provider() {
    return this == BOUNCY_CASTLE ? BouncyCastle.PROVIDER : SunEc.PROVIDER;
  }

  /**
   * {@code key} in the form this provider signs with fastest: for Bouncy Castle an EC key of
   * another provider is converted once to its own ({@link BouncyCastle#ecSigningKey}).
   */
  public PrivateKey signingKey(PrivateKey key) {
    return this == BOUNCY_CASTLE ? BouncyCastle.ecSigningKey(key) : key;
  }

  /** The JDK's provider, found when first needed. */
  private static final class SunEc {
    static final Provider PROVIDER = find();

    private static Provider find() {
      Provider sunEc = Security.getProvider("SunEC");
      if (sunEc == null) {
        throw new IllegalStateException("the JDK has no SunEC provider");
      }
      return sunEc;
    }
  }

  /**
   * The default: on every CPU measured, with AVX-512 IFMA and without, Bouncy Castle signed and
   * verified faster, and sealed faster or about as fast.
   */
  public static final EcProvider DEFAULT = BOUNCY_CASTLE;
}
