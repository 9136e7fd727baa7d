package org.kopir.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
  void theJournalCompactsAtArtemisThresholdsUnlessConfigured() {
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

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "kopir.broker.journal-compact-percentage=150, journalCompactPercentage",
    "kopir.broker.journal-compact-percentage=-1, journalCompactPercentage",
    "kopir.broker.journal-compact-min-files=-1, journalCompactMinFiles"
  })
  void aNodeWithACompactionThresholdOutOfRangeDoesNotStartAndNamesTheSetting(
      String setting, String field) {
    runner
        .withPropertyValues(setting)
        .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining(field));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(BrokerProperties.class)
  static class Wiring {}
}
