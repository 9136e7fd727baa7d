package org.kopir.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerLayoutTest {

  @Test
  void aPartnersOwnRetryScheduleAppliesToItsQueuesOnly() {
    BrokerProperties broker = new BrokerProperties();
    RetryPolicy longer = new RetryPolicy();
    longer.setBudget(Duration.ofDays(7));
    broker.setPartnerRetry(Map.of("tj", Map.of("normal", longer)));

    BrokerLayout layout = layout(broker);

    assertThat(broker.retry("tj", Priority.NORMAL).getBudget()).isEqualTo(Duration.ofDays(7));
    assertThat(broker.retry("tj", Priority.NORMAL).getInitialDelay())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(broker.retry("kg", Priority.NORMAL).getBudget()).isEqualTo(Duration.ofHours(72));
    assertThat(broker.retry("tj", Priority.HIGH).getBudget()).isEqualTo(Duration.ofHours(24));
    assertThat(attempts(layout, "kopir.outbound.tj.normal"))
        .isGreaterThan(attempts(layout, "kopir.outbound.kg.normal"));
    assertThat(attempts(layout, "kopir.outbound.tj.high"))
        .isEqualTo(attempts(layout, "kopir.outbound.kg.high"));
  }

  @Test
  void everyPartnerHasItsOwnQueuesAccountAndReplyQueues() {
    BrokerLayout layout = layout(new BrokerProperties());

    assertThat(layout.queues())
        .extracting(BrokerLayout.Queue::name)
        .contains(
            "kopir.outbound.kg.high",
            "kopir.outbound.tj.low",
            "kopir.outbound.tj",
            "kopir.outbound-receipts.kg",
            "kopir.outbound-receipts.tj",
            "kopir.border.replies.tj.message",
            "kopir.border.replies.kg.receipt");
    assertThat(layout.users())
        .containsEntry("kg-node", "partner.kg")
        .containsEntry("tj-node", "partner.tj");
  }

  private static int attempts(BrokerLayout layout, String queue) {
    return layout.queues().stream()
        .filter(q -> q.name().equals(queue))
        .findFirst()
        .orElseThrow()
        .redelivery()
        .maxAttempts();
  }

  private static BrokerLayout layout(BrokerProperties broker) {
    QueueNames names = new QueueNames();
    names.setOutbound("kopir.outbound");
    names.setOutboundDeadLetter("kopir.dead-letter.outbound");
    names.setReceipts("kopir.outbound-receipts");
    names.setReceiptsDeadLetter("kopir.dead-letter.receipts");
    names.setBorder("kopir.border.in");
    names.setBorderReplies("kopir.border.replies");
    names.setAgencyPrefix("agency");
    names.setPushDeadLetter("kopir.dead-letter.push");
    names.setOutboxDeadLetter("kopir.dead-letter.agency-outbox");
    return new BrokerLayout("kz", List.of("kz-cpc"), List.of("kg", "tj"), names, broker);
  }
}
