package org.kopir.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class BrokerPropertiesTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(Wiring.class);

  @Test
  void theJournalCompactsAtArtemissThresholdsUnlessConfigured() {
    runner.run(
        context -> {
          BrokerProperties properties = context.getBean(BrokerProperties.class);
          assertThat(properties.getJournalCompactMinFiles()).isEqualTo(10);
          assertThat(properties.getJournalCompactPercentage()).isEqualTo(30);
        });
    runner
        .withPropertyValues(
            "kopir.broker.journal-compact-min-files=4",
            "kopir.broker.journal-compact-percentage=45")
        .run(
            context -> {
              BrokerProperties properties = context.getBean(BrokerProperties.class);
              assertThat(properties.getJournalCompactMinFiles()).isEqualTo(4);
              assertThat(properties.getJournalCompactPercentage()).isEqualTo(45);
            });
  }

  @Test
  void aNodeWithACompactionPercentageOutsideZeroToAHundredDoesNotStart() {
    runner
        .withPropertyValues("kopir.broker.journal-compact-percentage=150")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("journalCompactPercentage"));
  }

  @Test
  void aNodeWithANegativeCompactionFileCountDoesNotStart() {
    runner
        .withPropertyValues("kopir.broker.journal-compact-min-files=-1")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("journalCompactMinFiles"));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(BrokerProperties.class)
  static class Wiring {}
}
