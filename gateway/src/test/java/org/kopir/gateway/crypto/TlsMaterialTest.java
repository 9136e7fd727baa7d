package org.kopir.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {

  @TempDir Path temp;

  private DevPkiFixture pki;

  @BeforeEach
  void setUp() {
    pki = new DevPkiFixture(temp.resolve("pki"));
  }

  @Test
  void thePartnerNodesCompleteAMutualTlsHandshake() throws Exception {
    SSLContext server = TlsMaterial.borderServerContext(pki.material("kg"), pki.clock);
    SSLContext client = TlsMaterial.borderClientContext(pki.material("kz"), "kg", pki.clock);

    String peer = handshake(server, client);

    assertThat(peer).isEqualTo("CN=kopir-node-kz,OU=node,O=Kopir,C=KZ");
  }

  @Test
  void theBorderRefusesAnAgencyClientCertificateFromThePartnerCa() {
    SSLContext server = TlsMaterial.borderServerContext(pki.material("kg"), pki.clock);
    SigningCredential agency =
        PemFiles.readCredential(
            pki.root.resolve("kz/agencies/kz-cpc.key"), pki.root.resolve("kz/agencies/kz-cpc.crt"));
    SSLContext client =
        TlsMaterial.context(
            agency, TlsMaterial.partnerNodeTrustManager(pki.material("kz"), "kg", pki.clock));

    // TLS 1.3 reports a refused client certificate after the client's side of the handshake, so
    // the server's outcome is what shows the refusal.
    assertThatThrownBy(() -> handshake(server, client))
        .hasRootCauseInstanceOf(java.security.cert.CertificateException.class)
        .rootCause()
        .hasMessageContaining("not the expected party");
  }

  @Test
  void theClientRefusesAServerThatIsNotThePartnerNode() {
    // kz itself answering: its certificate is from the kz CA, not the partner (kg) CA of kz.
    SigningCredential ownTls = pki.material("kz").tls();
    SSLContext server =
        TlsMaterial.context(
            ownTls, TlsMaterial.partnerNodeTrustManager(pki.material("kg"), "kz", pki.clock));
    SSLContext client = TlsMaterial.borderClientContext(pki.material("kz"), "kg", pki.clock);

    assertThatThrownBy(() -> handshake(server, client))
        .hasRootCauseInstanceOf(java.security.cert.CertificateException.class);
  }

  /** Runs one handshake; returns the client subject the server saw. */
  private static String handshake(SSLContext server, SSLContext client) throws Exception {
    try (SSLServerSocket listener =
        (SSLServerSocket)
            server
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setNeedClientAuth(true);
      CompletableFuture<String> accepted =
          CompletableFuture.supplyAsync(
              () -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                  socket.setSoTimeout(10_000);
                  socket.startHandshake();
                  return ((java.security.cert.X509Certificate)
                          socket.getSession().getPeerCertificates()[0])
                      .getSubjectX500Principal()
                      .getName();
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      try (SSLSocket socket =
          (SSLSocket)
              client
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        socket.getOutputStream().write(1);
        socket.getOutputStream().flush();
      } catch (SSLHandshakeException e) {
        accepted.handle((value, error) -> null).get(15, TimeUnit.SECONDS);
        throw e;
      } catch (IOException e) {
        // The server closed the connection; its own outcome below says why.
      }
      return accepted.get(15, TimeUnit.SECONDS);
    }
  }
}
