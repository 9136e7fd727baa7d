package org.kopir.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerWorkTest {

  @Test
  void aLibraryIsThreePartsOfThePackageAndTwoForTheJdksOwn() {
    assertThat(CompilerWork.library("org.h2.mvstore.tx.TransactionStore"))
        .isEqualTo("org.h2.mvstore");
    assertThat(CompilerWork.library("org/apache/camel/util/URIScanner"))
        .isEqualTo("org.apache.camel");
    assertThat(CompilerWork.library("org.kopir.gateway.audit.JdbcAuditTrail$$Lambda/0x12"))
        .isEqualTo("org.kopir.gateway");
    assertThat(CompilerWork.library("com.sun.crypto.provider.GaloisCounterMode"))
        .isEqualTo("com.sun.crypto");
    assertThat(CompilerWork.library("java.util.concurrent.ConcurrentHashMap"))
        .isEqualTo("java.util");
    assertThat(CompilerWork.library("sun.security.ssl.SSLCipher")).isEqualTo("sun.security");
    assertThat(CompilerWork.library("org.HdrHistogram.Histogram")).isEqualTo("org.HdrHistogram");
    assertThat(CompilerWork.library("Unnamed")).isEqualTo("(no package)");
  }

  @Test
  void theLibrariesWithTheMostCompileTimeAreKeptLargestFirst() {
    CompilerWork.Tally tally = new CompilerWork.Tally();
    for (int library = 1; library <= CompilerWork.LIBRARIES + 1; library++) {
      tally.compiled("org.library" + library + ".x.Code", 3, Duration.ofMillis(100L * library));
    }
    tally.compiled("org.library1.x.Other", 4, Duration.ofMillis(1_000));

    CompilerWork work = tally.build();

    assertThat(work.compilations()).isEqualTo(CompilerWork.LIBRARIES + 2);
    assertThat(work.byC2()).isEqualTo(1);
    assertThat(work.seconds()).isCloseTo(3.8, offset(1e-9));
    assertThat(work.secondsByLibrary().keySet())
        .containsExactly(
            "org.library1.x",
            "org.library7.x",
            "org.library6.x",
            "org.library5.x",
            "org.library4.x",
            "org.library3.x");
    assertThat(work.secondsByLibrary().get("org.library1.x")).isCloseTo(1.1, offset(1e-9));
  }

  @Test
  void theMethodDeoptimizedMostOftenIsNamedWithItsCount() {
    CompilerWork work =
        new CompilerWork.Tally()
            .deoptimized("java/util/ComparableTimSort.binarySort")
            .deoptimized("java/util/ComparableTimSort.reverseRange")
            .deoptimized("java/util/ComparableTimSort.reverseRange")
            .build();

    assertThat(work.deoptimizations()).isEqualTo(3);
    assertThat(work.mostDeoptimized()).isEqualTo("java.util.ComparableTimSort.reverseRange");
    assertThat(work.mostDeoptimizedTimes()).isEqualTo(2);
    assertThat(BenchReport.compilerLine("kz", work))
        .isEqualTo(
            "kz JIT: 0 compilations (0 by C2), 0.0 s; 3 deoptimizations, at most 2 of"
                + " java.util.ComparableTimSort.reverseRange");
  }

  @Test
  void aRecordingOfThisJvmShowsTheCompilationsOfCodeRunHot(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("compilations.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.Compilation").withThreshold(Duration.ZERO);
      recording.enable("jdk.Deoptimization");
      recording.start();
      long sum = 0;
      for (int i = 0; i < 200_000; i++) {
        sum += hot(i);
      }
      assertThat(sum).isPositive();
      recording.stop();
      recording.dump(file);
    }

    CompilerWork work = CompilerWork.read(file);

    assertThat(work.compilations()).isPositive();
    assertThat(work.byC2()).isBetween(0, work.compilations());
    assertThat(work.seconds()).isPositive();
    assertThat(work.secondsByLibrary())
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(CompilerWork.LIBRARIES);
    assertThat(BenchReport.compilerLine("kg", work))
        .startsWith("kg JIT: " + work.compilations() + " compilations (")
        .contains("; most in ");
  }

  private static long hot(int i) {
    return Integer.toString(i).hashCode() & 0xffff;
  }
}
