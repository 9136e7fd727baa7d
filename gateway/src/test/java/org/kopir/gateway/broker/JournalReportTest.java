package org.kopir.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.nativo.jlibaio.LibaioContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What a node says about its broker's journal. The test JVM is started without the native library,
 * as a node started with plain {@code java -jar} is (the process tests check the other case).
 */
@ExtendWith(OutputCaptureExtension.class)
class JournalReportTest {

  @TempDir Path data;
  private EmbeddedActiveMQ broker;

  @AfterEach
  void stop() throws Exception {
    if (broker != null) {
      broker.stop();
    }
  }

  private JournalReport reportOf(BrokerProperties properties) throws Exception {
    Configuration configuration =
        new ConfigurationImpl()
            .setSecurityEnabled(false)
            .setPersistenceEnabled(true)
            .setJournalDirectory(data.resolve("journal").toString())
            .setBindingsDirectory(data.resolve("bindings").toString())
            .setLargeMessagesDirectory(data.resolve("large").toString())
            .setPagingDirectory(data.resolve("paging").toString())
            .setJournalType(properties.getJournalType())
            .addAcceptorConfiguration("in-vm", "vm://" + Math.abs(data.hashCode()));
    broker = new EmbeddedActiveMQ().setConfiguration(configuration).start();
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("broker", broker);
    return new JournalReport(beans.getBeanProvider(EmbeddedActiveMQ.class), properties);
  }

  @Test
  void aBrokerWithoutTheNativeLibraryRunsNioAndTheNodeSaysHowToGetTheNativeJournal(
      CapturedOutput output) throws Exception {
    Assumptions.assumeFalse(LibaioContext.isLoaded(), "this JVM has the native library");
    JournalReport report = reportOf(new BrokerProperties());

    report.report();

    assertThat(report.journalType()).isEqualTo(JournalType.NIO);
    assertThat(output)
        .contains("Broker journal: NIO instead of ASYNCIO")
        .contains("journal-library");
  }

  @Test
  void aBrokerAskedForNioSaysItRunsNio(CapturedOutput output) throws Exception {
    BrokerProperties properties = new BrokerProperties();
    properties.setJournalType(JournalType.NIO);
    JournalReport report = reportOf(properties);

    report.report();

    assertThat(report.journalType()).isEqualTo(JournalType.NIO);
    assertThat(output).contains("Broker journal: NIO").doesNotContain("instead of");
  }

  @Test
  void withAStandaloneBrokerThereIsNothingToSay(CapturedOutput output) {
    JournalReport report =
        new JournalReport(
            new StaticListableBeanFactory().getBeanProvider(EmbeddedActiveMQ.class),
            new BrokerProperties());

    report.report();

    assertThat(report.journalType()).isNull();
    assertThat(output).doesNotContain("Broker journal");
  }
}
