package org.kopir.gateway.http;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.HexFormat;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.kopir.gateway.crypto.NodeTlsListener;
import org.kopir.gateway.crypto.SigningCredential;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The local API connector ({@code server.ssl.bundle: local-api}) presents the node TLS certificate
 * too: when that certificate is rolled over, the connector's host configuration gets the new key
 * store and Tomcat rebuilds its SSL context, keeping everything else of it (client authentication,
 * the own CA's CRL of {@link LocalApiRevocation}). A local API configured with another certificate
 * than the node TLS one is left alone.
 */
@Component
public class LocalApiTls
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, NodeTlsListener {

  private volatile Connector connector;

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addConnectorCustomizers(
        connector -> {
          if (connector.getPort() == factory.getPort()) {
            this.connector = connector;
          }
        });
  }

  @Override
  public void nodeTlsChanged(SigningCredential previous, SigningCredential next) {
    Connector local = connector;
    if (local == null
        || !(local.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol)) {
      return;
    }
    for (SSLHostConfig host : protocol.findSslHostConfigs()) {
      boolean replaced = false;
      for (SSLHostConfigCertificate certificate : host.getCertificates()) {
        if (presents(certificate, previous)) {
          char[] password =
              HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray();
          certificate.setCertificateKeystore(keyStore(next, password));
          certificate.setCertificateKeystorePassword(new String(password));
          certificate.setCertificateKeyPassword(new String(password));
          certificate.setCertificateKeyAlias("node-tls");
          replaced = true;
        }
      }
      if (replaced) {
        protocol.reloadSslHostConfig(host.getHostName());
      }
    }
  }

  /** Whether {@code certificate}'s key store holds {@code credential}'s certificate. */
  private static boolean presents(
      SSLHostConfigCertificate certificate, SigningCredential credential) {
    try {
      KeyStore store = certificate.getCertificateKeystore();
      if (store == null) {
        return false;
      }
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)
            && credential.certificate().equals(store.getCertificate(alias))) {
          return true;
        }
      }
      return false;
    } catch (java.io.IOException | KeyStoreException e) {
      return false;
    }
  }

  static KeyStore keyStore(SigningCredential credential, char[] password) {
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
      throw new IllegalStateException("local API key store cannot be built", e);
    }
  }
}
