package org.kopir.gateway.transport;

import java.time.Clock;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.kopir.gateway.crypto.CryptoMaterial;
import org.kopir.gateway.crypto.TlsMaterial;
import org.kopir.gateway.node.Partner;
import org.kopir.gateway.node.Partners;
import org.springframework.stereotype.Component;

/**
 * TLS of the calls to each partner's border port: bound in Camel's registry as {@code
 * partnerTls-<partner>} ({@code sslContextParameters=#partnerTls-<partner>} on the {@code https}
 * endpoints of {@code routes/partner.camel.yaml}): mutual TLS with this node's TLS certificate,
 * trusting only that partner's node certificate (SPEC §4), so a call meant for one partner cannot
 * be answered by another. The context is built once per endpoint but presents the node TLS
 * certificate in use at each handshake, so a rollover needs no rebuild ({@link TlsMaterial}).
 */
@Component
public class PartnerTls implements CamelContextConfiguration {

  private final CryptoMaterial material;
  private final Partners partners;
  private final Clock clock;

  public PartnerTls(CryptoMaterial material, Partners partners, Clock clock) {
    this.material = material;
    this.partners = partners;
    this.clock = clock;
  }

  /** The registry name of partner {@code partner}'s TLS parameters. */
  public static String name(String partner) {
    return "partnerTls-" + partner;
  }

  @Override
  public void beforeApplicationStart(CamelContext camelContext) {
    for (Partner partner : partners.all()) {
      camelContext.getRegistry().bind(name(partner.node()), new ForPartner(partner.node()));
    }
  }

  @Override
  public void afterApplicationStart(CamelContext camelContext) {}

  /** One partner's client TLS. */
  private final class ForPartner extends SSLContextParameters {
    private final String partner;

    private ForPartner(String partner) {
      this.partner = partner;
    }

    @Override
    public SSLContext createSSLContext(CamelContext camelContext) {
      return TlsMaterial.borderClientContext(material, partner, clock);
    }
  }
}
