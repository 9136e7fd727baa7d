package org.kopir.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.testsupport.DemoPki;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.RecordingTlsProxy;
import org.kopir.gateway.testsupport.TestNode;

/**
 * The calls to a partner's border reuse their mutual-TLS connections: a TLS proxy in front of kg
 * counts the connections kz opens while it delivers one message after another. Without reuse each
 * delivery would pay a full handshake (and the partner another), which the benchmark showed as one
 * connection per message.
 */
class PartnerConnectionsIT {

  private static final int MESSAGES = 6;

  @TempDir static Path data;
  static TestNode kz;
  static TestNode kg;
  static RecordingTlsProxy border;

  @BeforeAll
  static void start() throws Exception {
    kg = new TestNode("kg", data.resolve("kg"));
    kz = new TestNode("kz", data.resolve("kz"));
    kg.partner(kz).start();
    border =
        new RecordingTlsProxy(
            DemoPki.nodeTls("kg"), DemoPki.nodeTls("kz"), DemoPki.ca("kg"), kg.borderPort());
    kz.set("kopir.partners.kg.border-url", border.url()).start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (kz != null) {
      kz.stop();
    }
    if (border != null) {
      border.close();
    }
    if (kg != null) {
      kg.stop();
    }
  }

  @Test
  void deliveriesOneAfterAnotherShareTheirTlsConnectionToThePartner() {
    Http kzCpc = kz.agency("kz-cpc");
    for (int i = 0; i < MESSAGES; i++) {
      ObjectNode envelope = Envelopes.referral();
      assertThat(kzCpc.postJson(kz.localUrl() + "/api/v1/messages", envelope.toString()).status())
          .isEqualTo(202);
      kz.awaitStatus(kzCpc, Envelopes.messageId(envelope), "DELIVERED");
    }

    // Each of the queue's consumers may hold one connection of its own.
    assertThat(border.connectionsAccepted())
        .as("connections for %d deliveries", MESSAGES)
        .isBetween(1, 2);
  }
}
