package org.kopir.gateway.broker;

import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says at start which journal the embedded broker runs. Artemis falls back from {@code asyncio} to
 * {@code nio} on its own where it cannot load {@link JournalLibrary}; the warning then names the
 * way to the native journal.
 */
@Component
public class JournalReport {

  private static final Logger log = LoggerFactory.getLogger(JournalReport.class);

  private final ObjectProvider<EmbeddedActiveMQ> broker;
  private final BrokerProperties properties;

  public JournalReport(ObjectProvider<EmbeddedActiveMQ> broker, BrokerProperties properties) {
    this.broker = broker;
    this.properties = properties;
  }

  /** The embedded broker's journal as it runs; null with a standalone broker. */
  public JournalType journalType() {
    EmbeddedActiveMQ embedded = broker.getIfAvailable();
    if (embedded == null || embedded.getActiveMQServer() == null) {
      return null;
    }
    return embedded.getActiveMQServer().getConfiguration().getJournalType();
  }

  @EventListener(ApplicationReadyEvent.class)
  public void report() {
    JournalType running = journalType();
    if (running == null) {
      return;
    }
    if (running == properties.getJournalType()) {
      log.info("Broker journal: {}", running);
    } else {
      log.warn(
          "Broker journal: {} instead of {} (kopir.broker.journal-type): start the node with"
              + " the JVM options of `java -jar kopir-gateway.jar journal-library <directory>`,"
              + " as deploy/kopir and the demo do (docs/operations.md, \"Broker journal\")",
          running,
          properties.getJournalType());
    }
  }
}
