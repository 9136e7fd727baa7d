package org.kopir.gateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** CPU time and resident memory of a process, read from Linux {@code /proc}. */
final class ProcessStats {

  private static final long TICKS_PER_SECOND = clockTicksPerSecond();

  private ProcessStats() {}

  /**
   * CPU seconds (user + system) used so far: by the whole process (threads that ended included),
   * and by its JIT compiler and garbage collector threads, told apart by their names.
   */
  record CpuUse(double total, double jit, double gc) {

    CpuUse minus(CpuUse earlier) {
      return new CpuUse(total - earlier.total, jit - earlier.jit, gc - earlier.gc);
    }

    /** CPU of everything else: request handling, queues, storage. */
    double application() {
      return total - jit - gc;
    }
  }

  static CpuUse cpu(long pid) throws IOException {
    double jit = 0;
    double gc = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        String name;
        double seconds;
        try {
          name = Files.readString(task.resolve("comm")).trim();
          seconds = cpuSeconds(task.resolve("stat"));
        } catch (NoSuchFileException ended) {
          continue;
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
          jit += seconds;
        } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
          gc += seconds;
        }
      }
    }
    return new CpuUse(cpuSeconds(Path.of("/proc/" + pid + "/stat")), jit, gc);
  }

  private static double cpuSeconds(Path stat) throws IOException {
    String line = Files.readString(stat);
    String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
    // fields[11] = utime, fields[12] = stime (fields 14 and 15 of proc(5)), in clock ticks.
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks / (double) TICKS_PER_SECOND;
  }

  /** VmRSS and VmHWM (peak RSS) in MiB. */
  static Map<String, Double> memoryMiB(long pid) throws IOException {
    Map<String, Double> mib = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
        String[] parts = line.split("\\s+");
        mib.put(parts[0].replace(":", ""), Long.parseLong(parts[1]) / 1024.0);
      }
    }
    return mib;
  }

  /**
   * The machine's CPU ticks so far, all and stolen (a virtual machine's CPUs serving other guests):
   * the share stolen during a run says how far its figures were held back by neighbours.
   */
  record MachineTicks(long total, long steal) {

    /** Percentage of CPU time stolen since {@code earlier}. */
    double stealPercentSince(MachineTicks earlier) {
      long all = total - earlier.total;
      return all == 0 ? 0 : 100.0 * (steal - earlier.steal) / all;
    }
  }

  static MachineTicks machineTicks() throws IOException {
    String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
    String[] fields = cpu.trim().split("\\s+");
    long total = 0;
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    for (int i = 1; i <= 8 && i < fields.length; i++) {
      total += Long.parseLong(fields[i]);
    }
    long steal = fields.length > 8 ? Long.parseLong(fields[8]) : 0;
    return new MachineTicks(total, steal);
  }

  /** Total memory of the machine as /proc/meminfo states it. */
  static String memTotal() throws IOException {
    return Files.readAllLines(Path.of("/proc/meminfo")).stream()
        .filter(line -> line.startsWith("MemTotal:"))
        .map(line -> line.replaceAll("\\s+", " ").substring("MemTotal: ".length()))
        .findFirst()
        .orElse("unknown");
  }

  private static long clockTicksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      String value = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return Long.parseLong(value.trim());
    } catch (IOException | NumberFormatException e) {
      return 100;
    }
  }
}
