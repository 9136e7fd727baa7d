package org.kopir.gateway.crypto;

import java.security.Provider;
import java.security.Security;

/**
 * Which JCA provider does the elliptic-curve work of messages and receipts: ECDSA signing and
 * verification, and the ephemeral key pairs of identity blocks ({@code kopir.crypto.ec-provider}).
 * Which is faster depends on the CPU: the JDK's SunEC is fastest only where the JIT has its P-256
 * intrinsics (AVX-512 IFMA), Bouncy Castle elsewhere. {@code EcProviderBenchmark} compares them on
 * the machine that runs the node (docs/performance.md). Both produce standard signatures; the two
 * nodes of a partnership need not choose alike.
 */
public enum EcProvider {
  /** Bouncy Castle, already a dependency; never registered globally. */
  BOUNCY_CASTLE,
  /** The JDK's SunEC. */
  JDK;

  /** The provider to pass to JCA and Bouncy Castle builders. */
  public Provider provider() {
    return switch (this) {
      case BOUNCY_CASTLE -> BouncyCastle.PROVIDER;
      case JDK -> {
        Provider sunEc = Security.getProvider("SunEC");
        if (sunEc == null) {
          throw new IllegalStateException("the JDK has no SunEC provider");
        }
        yield sunEc;
      }
    };
  }

  /** The default: faster on CPUs without AVX-512 IFMA, which most servers here are. */
  public static final EcProvider DEFAULT = BOUNCY_CASTLE;
}
