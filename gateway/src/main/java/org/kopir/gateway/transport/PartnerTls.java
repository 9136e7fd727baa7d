package org.kopir.gateway.transport;

import java.time.Clock;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.kopir.gateway.crypto.CryptoMaterial;
import org.kopir.gateway.crypto.TlsMaterial;
import org.springframework.stereotype.Component;

/**
 * TLS of every call to the partner's border port ({@code sslContextParameters=#partnerTls} on the
 * {@code https} endpoints of {@code routes/partner.camel.yaml}): mutual TLS with this node's TLS
 * certificate, trusting only the partner node's certificate (SPEC §4).
 */
@Component("partnerTls")
public class PartnerTls extends SSLContextParameters {

  private final CryptoMaterial material;
  private final Clock clock;

  public PartnerTls(CryptoMaterial material, Clock clock) {
    this.material = material;
    this.clock = clock;
  }

  @Override
  public SSLContext createSSLContext(CamelContext camelContext) {
    return TlsMaterial.borderClientContext(material, clock);
  }
}
