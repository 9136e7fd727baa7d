package org.kopir.gateway.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.kopir.gateway.crypto.PemFiles;
import org.kopir.gateway.crypto.SigningCredential;
import org.kopir.gateway.crypto.TlsMaterial;

/**
 * A man in the middle of the border for tests: it terminates the sending node's mutual TLS with the
 * receiving node's TLS credential, opens its own mutual TLS to the receiving node with the sending
 * node's credential, relays bytes both ways and keeps a copy of everything in clear. While {@link
 * #refuse(boolean) refusing} it closes every connection at once, as a partner that is down.
 */
public final class RecordingTlsProxy implements AutoCloseable {

  private final SSLServerSocket server;
  private final SSLContext upstreamContext;
  private final int upstreamPort;
  private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger accepted =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean refusing;
  private volatile boolean closed;

  /**
   * @param impersonated the receiving node's TLS credential, shown to the sending node
   * @param client the sending node's TLS credential, shown to the receiving node
   * @param upstreamCa the receiving node's CA certificate
   */
  public RecordingTlsProxy(
      SigningCredential impersonated, SigningCredential client, Path upstreamCa, int upstreamPort)
      throws Exception {
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(TlsMaterial.keyManagers(impersonated), null, null);
    this.server =
        (SSLServerSocket)
            serverContext
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    // The sending node presents its certificate only when asked.
    this.server.setWantClientAuth(true);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", PemFiles.readCertificate(upstreamCa));
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    this.upstreamContext = SSLContext.getInstance("TLS");
    this.upstreamContext.init(TlsMaterial.keyManagers(client), factory.getTrustManagers(), null);
    this.upstreamPort = upstreamPort;
    Thread acceptor = new Thread(this::acceptLoop, "recording-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Reads a node's TLS credential from the development layout. */
  public static SigningCredential nodeTls(Path certsDir, String node) {
    Path dir = certsDir.resolve(node);
    return PemFiles.readCredential(dir.resolve("node-tls.key"), dir.resolve("node-tls.crt"));
  }

  public String url() {
    return "https://127.0.0.1:" + server.getLocalPort();
  }

  /** While true, every connection is closed before anything is relayed. */
  public void refuse(boolean refuse) {
    this.refusing = refuse;
  }

  /** How many connections the sending node has opened to this proxy so far. */
  public int connectionsAccepted() {
    return accepted.get();
  }

  /** Everything relayed so far in either direction, in clear. */
  public byte[] recorded() {
    synchronized (recorded) {
      return recorded.toByteArray();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket downstream = server.accept();
        accepted.incrementAndGet();
        if (refusing) {
          downstream.close();
          continue;
        }
        sockets.add(downstream);
        Thread relay = new Thread(() -> relay(downstream), "recording-proxy-relay");
        relay.setDaemon(true);
        relay.start();
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void relay(Socket downstream) {
    try {
      SSLSocket upstream =
          (SSLSocket) upstreamContext.getSocketFactory().createSocket("127.0.0.1", upstreamPort);
      sockets.add(upstream);
      Thread back = new Thread(() -> pump(upstream, downstream), "recording-proxy-back");
      back.setDaemon(true);
      back.start();
      pump(downstream, upstream);
    } catch (IOException e) {
      closeQuietly(downstream);
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16384];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (recorded) {
          recorded.write(buffer, 0, n);
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed; the other side is closed below
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    sockets.forEach(RecordingTlsProxy::closeQuietly);
  }
}
