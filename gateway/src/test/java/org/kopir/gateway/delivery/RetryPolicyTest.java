package org.kopir.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.broker.BrokerLayout;
import org.kopir.gateway.broker.BrokerProperties;
import org.kopir.gateway.broker.Priority;
import org.kopir.gateway.broker.RetryPolicy;

class RetryPolicyTest {

  @Test
  void attemptsCountTheShortestDelaysTheJitterAllowsUntilTheBudgetIsSpent() {
    RetryPolicy policy =
        new RetryPolicy(Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(2));
    policy.setJitter(0.2);

    // shortest delays 160, 320, 500, 500, 500 ms fit in 2 s; the next one does not
    assertThat(policy.attemptsWithinBudget()).isEqualTo(6);
    assertThat(policy.brokerMaxAttempts()).isEqualTo(7);
  }

  @Test
  void withoutJitterTheAttemptsFollowTheNominalSchedule() {
    RetryPolicy policy =
        new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(10));
    policy.setJitter(0);

    // delays 1, 2, 4 s (7 s), then 4 s would make 11 s
    assertThat(policy.attemptsWithinBudget()).isEqualTo(4);
  }

  @Test
  void anExplicitMaximumOverridesTheDerivedOne() {
    RetryPolicy policy =
        new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofDays(7));
    policy.setMaxAttempts(3);

    assertThat(policy.brokerMaxAttempts()).isEqualTo(3);
  }

  @Test
  void defaultSchedulesGiveUrgentMessagesShorterDelaysAndShorterBudgets() {
    BrokerProperties.Retry retry = new BrokerProperties().getRetry();
    RetryPolicy high = retry.of(Priority.HIGH);
    RetryPolicy normal = retry.of(Priority.NORMAL);
    RetryPolicy low = retry.of(Priority.LOW);

    assertThat(high.getMaxDelay()).isEqualTo(Duration.ofMinutes(5));
    assertThat(high.getBudget()).isEqualTo(Duration.ofHours(24));
    assertThat(normal.getMaxDelay()).isEqualTo(Duration.ofHours(1));
    assertThat(normal.getBudget()).isEqualTo(Duration.ofHours(72));
    assertThat(low.getBudget()).isEqualTo(Duration.ofDays(7));
    // 24 h of tries at most 5 min apart: a few hundred attempts
    assertThat(high.brokerMaxAttempts()).isBetween(288, 400);
    assertThat(low.brokerMaxAttempts()).isBetween(168, 220);
  }

  @Test
  void addressSettingsCarryTheScheduleTheJitterAndTheDeadLetterAddress() {
    RetryPolicy high = new BrokerProperties().getRetry().of(Priority.HIGH);

    AddressSettings settings = BrokerLayout.outboundSettings(high, "kopir.dead-letter.outbound");

    assertThat(settings.getRedeliveryDelay()).isEqualTo(5_000);
    assertThat(settings.getMaxRedeliveryDelay()).isEqualTo(300_000);
    assertThat(settings.getRedeliveryCollisionAvoidanceFactor()).isEqualTo(0.2);
    assertThat(settings.getMaxDeliveryAttempts()).isEqualTo(high.brokerMaxAttempts());
    assertThat(settings.getDeadLetterAddress().toString()).isEqualTo("kopir.dead-letter.outbound");
  }
}
