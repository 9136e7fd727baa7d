package org.kopir.gateway.crypto;

import java.security.Provider;
import java.security.Security;

/**
 * Which JCA provider does the elliptic-curve work of messages and receipts: ECDSA signing and
 * verification, and the ephemeral key pairs of identity blocks ({@code kopir.crypto.ec-provider}).
 * Which is faster depends on the CPU and the operation (SunEC has its fastest P-256 arithmetic only
 * with AVX-512 IFMA; without it, Bouncy Castle verified 2.2 times faster and SunEC signed 1.5 times
 * faster). {@code EcProviderBenchmark} compares them on the machine that runs the node
 * (docs/performance.md). Both produce standard signatures; the two nodes of a partnership need not
 * choose alike.
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
   * The default: a referral needs as many verifications as signatures, and Bouncy Castle's
   * verification gained more than SunEC's signing did on the CPUs measured.
   */
  public static final EcProvider DEFAULT = BOUNCY_CASTLE;
}
