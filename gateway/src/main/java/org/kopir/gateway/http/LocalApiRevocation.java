package org.kopir.gateway.http;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.kopir.gateway.crypto.CryptoProperties;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Checks agency client certificates on the local API against this node's CA revocation list ({@code
 * kopir.crypto.own-crl}, default {@code <certs-dir>/<node>/crl.pem}), so revoking an agency's
 * certificate at the CA shuts it out at the next handshake. A configured CRL that is missing stops
 * the node: it must not run believing it checks revocation when it does not.
 */
@Component
public class LocalApiRevocation
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  private final Path crl;

  public LocalApiRevocation(CryptoProperties crypto, NodeProperties node) {
    this.crl =
        crypto.getOwnCrl() != null
            ? crypto.getOwnCrl()
            : crypto.getCertsDir().resolve(node.getNode()).resolve("crl.pem");
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    if (!Files.isReadable(crl)) {
      throw new IllegalStateException("the own CA's revocation list is not readable: " + crl);
    }
    String file = crl.toAbsolutePath().toString();
    factory.addConnectorCustomizers(
        connector -> {
          if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol
              && connector.getPort() == factory.getPort()) {
            for (SSLHostConfig host : protocol.findSslHostConfigs()) {
              host.setCertificateRevocationListFile(file);
            }
          }
        });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
