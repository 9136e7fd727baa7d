package org.kopir.gateway.http;

import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.HexFormat;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.kopir.gateway.crypto.CryptoMaterial;
import org.kopir.gateway.crypto.SigningCredential;
import org.springframework.stereotype.Component;

/**
 * Mutual TLS on the border port (SPEC §1, §9): this node's TLS certificate, client certificates
 * required and trusted only when issued by the partner's CA and not on its CRL. That the client is
 * the partner NODE (not an agency of the partner) is checked by {@link BorderPeerFilter}.
 */
@Component
public class BorderTls implements BorderConnectorConfigurer {

  private final CryptoMaterial material;

  public BorderTls(CryptoMaterial material) {
    this.material = material;
  }

  @Override
  public void configure(Connector connector) {
    char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray();
    SSLHostConfig host = new SSLHostConfig();
    host.setProtocols("TLSv1.2+TLSv1.3");
    host.setCertificateVerification("required");
    host.setTrustStore(trustStore());
    host.setCertificateRevocationListFile(material.partnerCrlFile().toAbsolutePath().toString());
    SSLHostConfigCertificate certificate =
        new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
    certificate.setCertificateKeystore(keyStore(material.tls(), password));
    certificate.setCertificateKeystorePassword(new String(password));
    host.addCertificate(certificate);
    connector.setScheme("https");
    connector.setSecure(true);
    AbstractHttp11Protocol<?> protocol = (AbstractHttp11Protocol<?>) connector.getProtocolHandler();
    protocol.setSSLEnabled(true);
    protocol.addSslHostConfig(host);
  }

  private KeyStore trustStore() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("partner-ca", material.partnerCa());
      return store;
    } catch (Exception e) {
      throw new IllegalStateException("border trust store cannot be built", e);
    }
  }

  private static KeyStore keyStore(SigningCredential credential, char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "node-tls",
          credential.privateKey(),
          password,
          credential.chain().toArray(Certificate[]::new));
      return store;
    } catch (Exception e) {
      throw new IllegalStateException("border key store cannot be built", e);
    }
  }
}
