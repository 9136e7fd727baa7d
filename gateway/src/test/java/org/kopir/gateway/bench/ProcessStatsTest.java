package org.kopir.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessStatsTest {

  @Test
  void theCpuIsNamedByItsFirstProcessorsModelItsGenerationAndTheCryptoFeaturesAmongItsFlags() {
    ProcessStats.Cpu cpu =
        ProcessStats.Cpu.of(
            List.of(
                "processor\t: 0",
                "vendor_id\t: GenuineIntel",
                "cpu family\t: 6",
                "model\t\t: 143",
                "model name\t: Intel(R) Xeon(R) Processor",
                "flags\t\t: fpu sse2 pclmulqdq aes avx2 bmi2 adx avx512f avx512ifma sha_ni",
                "",
                "processor\t: 1",
                "model name\t: another model",
                "flags\t\t: fpu sse2"));

    assertThat(cpu.model()).isEqualTo("Intel(R) Xeon(R) Processor");
    assertThat(cpu.generation()).isEqualTo("GenuineIntel family 6 model 143");
    assertThat(cpu.cryptoFeatures())
        .containsExactly("avx512ifma", "sha_ni", "aes", "pclmulqdq", "adx", "bmi2");
  }

  @Test
  void aCpuinfoWithoutModelOrFlagsGivesAnUnknownModelAndGenerationAndNoFeatures() {
    ProcessStats.Cpu cpu = ProcessStats.Cpu.of(List.of("processor\t: 0", "Hardware\t: ARMv8"));

    assertThat(cpu.model()).isEqualTo("unknown");
    assertThat(cpu.generation()).isEqualTo("unknown");
    assertThat(cpu.cryptoFeatures()).isEmpty();
  }

  @Test
  void threadsThatEndWhileTheirCpuIsReadAreLeftOutInsteadOfFailingTheReading() throws Exception {
    long pid = ProcessHandle.current().pid();
    AtomicBoolean churning = new AtomicBoolean(true);
    Thread churn =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (churning.get()) {
                    Thread.ofPlatform().name("short-lived").start(() -> {});
                  }
                });
    try {
      ProcessStats.CpuUse last = null;
      for (int i = 0; i < 3000; i++) {
        last = ProcessStats.cpu(pid);
      }
      assertThat(last.total()).isPositive();
      assertThat(last.threads()).isNotEmpty();
    } finally {
      churning.set(false);
      churn.join();
    }
  }

  @Test
  void
      statLinesAreReadAfterTheLastParenthesisSoThreadNamesWithSpacesAndParenthesesDoNotShiftTheFields() {
    String line =
        "4242 (C2 Compiler) x) S 1 4242 4242 0 -1 4194624 120 0 0 0 731 58 0 0 20 0 31 0 900 0 0";

    ProcessStats.Ticks ticks = ProcessStats.Ticks.parse(line);

    assertThat(ticks.user()).isEqualTo(731);
    assertThat(ticks.system()).isEqualTo(58);
  }

  @Test
  void theTicksOfAProcesssReapedChildrenAreReadApartFromItsOwn() {
    String line =
        "4242 (postgres) S 1 4242 4242 0 -1 4194624 120 0 0 0 731 58 4400 310 20 0 1 0 900 0 0";

    assertThat(ProcessStats.Ticks.parse(line)).isEqualTo(new ProcessStats.Ticks(731, 58));
    assertThat(ProcessStats.Ticks.parseChildren(line)).isEqualTo(new ProcessStats.Ticks(4400, 310));
  }

  @Test
  void processesOfOneNameHaveTheirEndedChildrensCpuInTheirTotal(@TempDir Path dir)
      throws Exception {
    // A copy of the shell under a name no other process has: a parent that runs a busy child of
    // the same name, reaps it, says so and waits, like a database server and a closed session.
    Path shell =
        Files.copy(
            Path.of("/bin/sh").toRealPath(),
            dir.resolve("kopir-test-sh"),
            StandardCopyOption.COPY_ATTRIBUTES);
    String busyChild =
        shell + " -c 'i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done'; echo reaped; read line";
    assertThat(ProcessStats.processesNamed("kopir-test-sh")).isEmpty();
    Process parent = new ProcessBuilder(shell.toString(), "-c", busyChild).start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(parent.getInputStream(), "UTF-8"))) {
      assertThat(out.readLine()).isEqualTo("reaped");

      Optional<ProcessStats.CpuUse> used = ProcessStats.processesNamed("kopir-test-sh");

      assertThat(used).isPresent();
      assertThat(used.get().tasks()).containsOnlyKeys(String.valueOf(parent.pid()));
      double parentOwn = used.get().tasks().get(String.valueOf(parent.pid())).seconds();
      assertThat(used.get().total()).isGreaterThan(parentOwn + 0.05);
      assertThat(used.get().kernel()).isLessThanOrEqualTo(used.get().total());
    } finally {
      parent.getOutputStream().close();
      assertThat(parent.waitFor(1, TimeUnit.MINUTES)).isTrue();
    }
  }

  @Test
  void aThreadThatMostlyMakesSystemCallsHasItsKernelTimeCountedWithinItsGroupsCpu(@TempDir Path dir)
      throws Exception {
    long pid = ProcessHandle.current().pid();
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch read = new CountDownLatch(1);
    ProcessStats.CpuUse before = ProcessStats.cpu(pid);
    // named as the node's audit writer, a group no other thread of a test JVM falls in
    Thread writer =
        Thread.ofPlatform()
            .name("audit-writer-syscalls")
            .start(
                () -> {
                  try {
                    Path file = dir.resolve("f");
                    for (int i = 0; i < 20_000; i++) {
                      Files.write(file, new byte[] {(byte) i});
                    }
                    written.countDown();
                    read.await();
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    assertThat(written.await(1, TimeUnit.MINUTES)).as("the writer wrote its file").isTrue();
    ProcessStats.CpuUse used = ProcessStats.cpu(pid).minus(before);
    read.countDown();
    writer.join();

    assertThat(used.kernelThreads().get("audit writer"))
        .isPositive()
        .isLessThanOrEqualTo(used.threads().get("audit writer"));
    assertThat(used.kernel()).isPositive().isLessThanOrEqualTo(used.total());
  }
}
