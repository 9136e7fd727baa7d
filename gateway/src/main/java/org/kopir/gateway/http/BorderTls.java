package org.kopir.gateway.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.HexFormat;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.kopir.gateway.crypto.CryptoMaterial;
import org.kopir.gateway.crypto.NodeTlsListener;
import org.kopir.gateway.crypto.PartnerTrust;
import org.kopir.gateway.crypto.SigningCredential;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.stereotype.Component;

/**
 * Mutual TLS on the border port (SPEC §1, §9): this node's TLS certificate, client certificates
 * required and trusted only when issued by a partner's CA and not on its CRL (every partner's CRLs,
 * gathered into one file in the data directory at start-up). That the client is a partner NODE,
 * issued by that partner's own CA (not an agency, not a node named for another partner), is checked
 * by {@link BorderPeerFilter}, which also re-reads CRLs that changed. A rolled-over node TLS
 * certificate is taken without a restart ({@link NodeTlsListener}).
 */
@Component
public class BorderTls implements BorderConnectorConfigurer, NodeTlsListener {

  private final CryptoMaterial material;
  private final NodeProperties node;
  private volatile AbstractHttp11Protocol<?> protocol;
  private volatile SSLHostConfig host;

  public BorderTls(CryptoMaterial material, NodeProperties node) {
    this.material = material;
    this.node = node;
  }

  @Override
  public void configure(Connector connector) {
    SSLHostConfig host = new SSLHostConfig();
    host.setProtocols("TLSv1.2+TLSv1.3");
    host.setCertificateVerification("required");
    host.setTrustStore(trustStore());
    host.setCertificateRevocationListFile(partnerCrls().toAbsolutePath().toString());
    SSLHostConfigCertificate certificate =
        new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
    present(certificate, material.tls());
    host.addCertificate(certificate);
    connector.setScheme("https");
    connector.setSecure(true);
    AbstractHttp11Protocol<?> protocol = (AbstractHttp11Protocol<?>) connector.getProtocolHandler();
    protocol.setSSLEnabled(true);
    protocol.addSslHostConfig(host);
    this.protocol = protocol;
    this.host = host;
  }

  /**
   * Presents {@code tls} from the next handshake on: Tomcat rebuilds the host's SSL context from
   * the new key store; connections already open keep theirs.
   */
  @Override
  public void nodeTlsChanged(SigningCredential previous, SigningCredential tls) {
    AbstractHttp11Protocol<?> current = protocol;
    SSLHostConfig config = host;
    if (current == null || config == null) {
      return;
    }
    config.getCertificates().forEach(certificate -> present(certificate, tls));
    current.reloadSslHostConfig(config.getHostName());
  }

  private static void present(SSLHostConfigCertificate certificate, SigningCredential tls) {
    char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray();
    certificate.setCertificateKeystore(keyStore(tls, password));
    certificate.setCertificateKeystorePassword(new String(password));
  }

  private KeyStore trustStore() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      material
          .partners()
          .forEach(
              (partner, trust) -> {
                for (int i = 0; i < trust.cas().size(); i++) {
                  try {
                    store.setCertificateEntry(
                        "partner-ca-" + partner + "-" + i, trust.cas().get(i));
                  } catch (java.security.KeyStoreException e) {
                    throw new IllegalStateException(e);
                  }
                }
              });
      return store;
    } catch (Exception e) {
      throw new IllegalStateException("border trust store cannot be built", e);
    }
  }

  /** Every partner CA's CRL in one PEM file, as the connector takes one file. */
  private Path partnerCrls() {
    try {
      Path file = node.getDataDir().resolve("border-crls.pem");
      Files.createDirectories(file.getParent());
      StringBuilder pem = new StringBuilder();
      for (PartnerTrust trust : material.partners().values()) {
        for (Path crl : trust.crlFiles()) {
          pem.append(Files.readString(crl, StandardCharsets.US_ASCII).strip()).append('\n');
        }
      }
      Files.writeString(file, pem, StandardCharsets.US_ASCII);
      return file;
    } catch (IOException e) {
      throw new IllegalStateException("border CRL file cannot be written", e);
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
