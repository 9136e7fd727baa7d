package org.kopir.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.kopir.gateway.testsupport.NodeProcess;

/** What the benchmarked nodes run: the production route set, or the transport-only baseline. */
enum Pipeline {
  FULL("full"),
  TRANSPORT_ONLY("transport-only");

  /** The baseline's route set, relative to the repository root. */
  static final Path TRANSPORT_ONLY_ROUTES =
      Path.of("gateway/src/test/resources/bench/transport-only");

  private final String label;

  Pipeline(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /** The node settings of this pipeline, on top of the embedded defaults. */
  void configure(NodeProcess node, String recipient) {
    if (this == FULL) {
      return;
    }
    if (!Files.isDirectory(TRANSPORT_ONLY_ROUTES)) {
      throw new IllegalStateException(
          TRANSPORT_ONLY_ROUTES + " not found: run the benchmark from the repository root");
    }
    Map.of(
            "kopir.routes-dir",
            TRANSPORT_ONLY_ROUTES.toAbsolutePath().toString(),
            "kopir.channels.jms.intake-enabled",
            "false",
            "kopir.bench.inbox-queue",
            "agency." + recipient + ".inbox",
            // beans the transport-only routes never use (audit, validation, SOAP...) stay unbuilt
            "spring.main.lazy-initialization",
            "true",
            // ...but the dispatcher servlet starts with the server: left to the first request (a
            // readiness probe), its lazy platform-http mapping deadlocked with Camel's start-up
            "spring.mvc.servlet.load-on-startup",
            "1")
        .forEach(node::set);
  }
}
