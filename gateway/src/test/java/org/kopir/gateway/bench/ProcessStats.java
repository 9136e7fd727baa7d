package org.kopir.gateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** CPU time and resident memory of a process, read from Linux {@code /proc}. */
final class ProcessStats {

  private static final long TICKS_PER_SECOND = clockTicksPerSecond();

  private ProcessStats() {}

  /** CPU seconds (user + system) the process has used so far. */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
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
