package org.kopir.gateway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.kopir.gateway.testsupport.NodeProcess;

/** kz and kg as processes of the packaged jar, and kg-cpd's system reading its inbox. */
record NodePair(Pipeline pipeline, NodeProcess kz, NodeProcess kg, InboxWatcher inbox)
    implements AutoCloseable {

  static NodePair start(Pipeline pipeline, Path work, Path pki) throws Exception {
    Path dir = work.resolve(pipeline.label());
    NodeProcess kz = new NodeProcess("kz", dir.resolve("kz"), pki);
    NodeProcess kg = new NodeProcess("kg", dir.resolve("kg"), pki);
    kz.partner(kg);
    kg.partner(kz);
    pipeline.configure(kz, EndToEndBench.RECIPIENT);
    pipeline.configure(kg, EndToEndBench.RECIPIENT);
    try {
      kg.start();
      kz.start();
      InboxWatcher inbox =
          new InboxWatcher(
              kg.brokerPort(), EndToEndBench.RECIPIENT, EndToEndBench.RECIPIENT + "-dev");
      System.out.printf(
          "%s: nodes ready (kz pid %d, kg pid %d); data in %s%n",
          pipeline.label(), kz.pid(), kg.pid(), dir);
      return new NodePair(pipeline, kz, kg, inbox);
    } catch (Exception | Error e) {
      kz.close();
      kg.close();
      throw e;
    }
  }

  /** CPU seconds used so far by each node, by node id. */
  Map<String, Double> cpuSeconds() throws IOException {
    return Map.of(
        kz.id(), ProcessStats.cpuSeconds(kz.pid()), kg.id(), ProcessStats.cpuSeconds(kg.pid()));
  }

  @Override
  public void close() throws Exception {
    try {
      inbox.close();
    } finally {
      kz.close();
      kg.close();
    }
  }
}
