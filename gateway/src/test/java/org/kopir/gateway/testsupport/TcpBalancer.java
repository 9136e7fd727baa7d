package org.kopir.gateway.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP load balancer in front of a node's replicas, as HAProxy in TCP mode would be: each
 * connection goes to the next backend in turn, and to the one after when a backend does not accept
 * it. TLS passes through untouched, so the replicas' certificate and the caller's client
 * certificate meet end to end. A replica that dies breaks the connections it had; callers reconnect
 * and reach a live one.
 */
public final class TcpBalancer implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_MILLIS = 1000;

  private final ServerSocket server;
  private final List<Integer> backends;
  private final AtomicInteger next = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  public TcpBalancer(List<Integer> backendPorts) throws IOException {
    this.backends = List.copyOf(backendPorts);
    this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("tcp-balancer").start(this::accept);
  }

  public int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        Thread.ofVirtual().start(() -> relay(client));
      } catch (IOException e) {
        if (!closed) {
          System.err.println("tcp balancer: accept failed: " + e);
        }
      }
    }
  }

  private void relay(Socket client) {
    Socket backend = connect();
    if (backend == null) {
      closeQuietly(client);
      return;
    }
    sockets.add(backend);
    Thread.ofVirtual().start(() -> pump(client, backend));
    pump(backend, client);
  }

  /** The next backend that accepts, starting with the one whose turn it is; null if none does. */
  private Socket connect() {
    int first = Math.floorMod(next.getAndIncrement(), backends.size());
    for (int i = 0; i < backends.size(); i++) {
      int port = backends.get((first + i) % backends.size());
      Socket socket = new Socket();
      try {
        socket.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        return socket;
      } catch (IOException refused) {
        closeQuietly(socket);
      }
    }
    return null;
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException brokenOrClosed) {
      // one side went away: the other is closed below
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      sockets.remove(from);
      sockets.remove(to);
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
    sockets.forEach(TcpBalancer::closeQuietly);
  }
}
