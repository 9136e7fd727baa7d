package org.kopir.gateway.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Free loopback ports for nodes started by tests.
 *
 * <p>A test picks a node's ports before the node binds them, sometimes long before, while other
 * nodes already run. So the ports come from below Linux's ephemeral range (32768–60999), where
 * neither the kernel's choice for an outgoing connection nor another server's port 0 can take them
 * in between, and no port is handed out twice in one JVM. Each JVM starts at a random place in the
 * range, so concurrent test JVMs rarely meet, and a port still in use is skipped.
 */
public final class FreePorts {

  private static final int LOWEST = 20_000;
  private static final int COUNT = 12_000;
  private static final AtomicInteger NEXT =
      new AtomicInteger(ThreadLocalRandom.current().nextInt(COUNT));

  private FreePorts() {}

  public static int next() {
    for (int tried = 0; tried < COUNT; tried++) {
      int port = LOWEST + Math.floorMod(NEXT.getAndIncrement(), COUNT);
      if (free(port)) {
        return port;
      }
    }
    throw new IllegalStateException("No free port between " + LOWEST + " and " + (LOWEST + COUNT));
  }

  private static boolean free(int port) {
    // The wildcard address conflicts with a listener on any address.
    try (ServerSocket probe = new ServerSocket(port)) {
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }
}
