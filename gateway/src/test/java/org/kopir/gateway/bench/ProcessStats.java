package org.kopir.gateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.kopir.gateway.embeddeddb.EmbeddedStoreCompaction;

/** CPU time and resident memory of a process, read from Linux {@code /proc}. */
final class ProcessStats {

  private static final long TICKS_PER_SECOND = clockTicksPerSecond();

  private ProcessStats() {}

  /**
   * Thread groups by name prefix ({@code /proc/<pid>/task/<tid>/comm}, cut at 15 characters), in
   * the order they are tried: where a process's CPU goes beyond what Java execution samples show.
   */
  private static final List<Map.Entry<String, String>> THREAD_GROUPS =
      List.of(
          Map.entry("C1 Compiler", "JIT compiler"),
          Map.entry("C2 Compiler", "JIT compiler"),
          Map.entry("GC Thread", "garbage collector"),
          Map.entry("G1 ", "garbage collector"),
          Map.entry("https-jsse-nio", "HTTP server"),
          Map.entry("http-nio", "HTTP server"),
          // Spring's task executor: where Camel's own platform-http consumer ran its exchanges
          // (the node's run on the servlet thread since http.InlinePlatformHttpConsumer)
          Map.entry("task-", "HTTP server"),
          Map.entry("Camel ", "Camel consumers"),
          Map.entry("Thread-", "broker"),
          Map.entry("activemq", "broker"),
          Map.entry("audit-writer", "audit writer"),
          Map.entry("MVStore", "database"),
          Map.entry(EmbeddedStoreCompaction.THREAD_NAME, "database"),
          Map.entry("H2 ", "database"),
          Map.entry("HikariPool", "database"),
          Map.entry("VM ", "JVM"),
          Map.entry("Common-Cleaner", "JVM"),
          Map.entry("Reference Handl", "JVM"),
          Map.entry("Finalizer", "JVM"),
          Map.entry("JFR ", "JVM"),
          Map.entry("pool-", "client threads"),
          Map.entry("HttpClient", "client threads"),
          Map.entry("inbox-watcher", "client threads"));

  /**
   * CPU seconds (user + system) used so far: by the whole process (threads that ended included),
   * and by each live thread ({@code tasks}, by thread id, with its group of {@link #THREAD_GROUPS};
   * {@code other} for the rest). {@code kernel} is the part of {@code total} spent in the kernel on
   * the process's behalf (system time: system calls, the network stack, page faults), each task's
   * likewise. A difference of two readings is taken thread by thread, so a thread that ended in
   * between drops out of the groups (its CPU then counts as ended threads) instead of taking its
   * earlier CPU away from its group.
   */
  record CpuUse(double total, double kernel, Map<String, TaskCpu> tasks) {

    /** One thread's group, CPU seconds and the part of them spent in the kernel. */
    record TaskCpu(String group, double seconds, double kernelSeconds) {

      TaskCpu(String group, Ticks ticks) {
        this(group, ticks.seconds(), ticks.kernelSeconds());
      }
    }

    CpuUse minus(CpuUse earlier) {
      Map<String, TaskCpu> delta = new HashMap<>();
      tasks.forEach(
          (tid, task) -> {
            TaskCpu before = earlier.tasks.get(tid);
            delta.put(
                tid,
                new TaskCpu(
                    task.group(),
                    task.seconds() - (before == null ? 0 : before.seconds()),
                    task.kernelSeconds() - (before == null ? 0 : before.kernelSeconds())));
          });
      return new CpuUse(total - earlier.total, kernel - earlier.kernel, delta);
    }

    /** CPU seconds by thread group. */
    Map<String, Double> threads() {
      return byGroup(TaskCpu::seconds);
    }

    /** The kernel's part of each thread group's CPU seconds. */
    Map<String, Double> kernelThreads() {
      return byGroup(TaskCpu::kernelSeconds);
    }

    private Map<String, Double> byGroup(ToDoubleFunction<TaskCpu> seconds) {
      Map<String, Double> groups = new TreeMap<>();
      tasks
          .values()
          .forEach(task -> groups.merge(task.group(), seconds.applyAsDouble(task), Double::sum));
      return groups;
    }

    double jit() {
      return threads().getOrDefault("JIT compiler", 0.0);
    }

    double gc() {
      return threads().getOrDefault("garbage collector", 0.0);
    }

    /** CPU of everything else: request handling, queues, storage. */
    double application() {
      return total - jit() - gc();
    }
  }

  static CpuUse cpu(long pid) throws IOException {
    Map<String, CpuUse.TaskCpu> tasks = new HashMap<>();
    try (Stream<Path> list = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : list.toList()) {
        try {
          String name = Files.readString(task.resolve("comm")).trim();
          tasks.put(
              task.getFileName().toString(),
              new CpuUse.TaskCpu(group(name), ticks(task.resolve("stat"))));
        } catch (IOException unreadable) {
          if (!threadEnded(task, unreadable)) {
            throw unreadable;
          }
        }
      }
    }
    Ticks process = ticks(Path.of("/proc/" + pid + "/stat"));
    return new CpuUse(process.seconds(), process.kernelSeconds(), tasks);
  }

  /**
   * CPU used so far by every process on this machine named {@code comm}, such as a database
   * server's processes: each live process is one task of group {@code comm}, and the total also
   * holds what their ended children used (a server's short-lived workers and closed sessions: the
   * children's time of {@code /proc/<pid>/stat}, which Linux adds when a parent reaps a child).
   * Empty when no such process runs here (a server on another machine).
   */
  static Optional<CpuUse> processesNamed(String comm) throws IOException {
    Map<String, CpuUse.TaskCpu> tasks = new HashMap<>();
    long user = 0;
    long system = 0;
    try (Stream<Path> list = Files.list(Path.of("/proc"))) {
      for (Path process :
          list.filter(path -> path.getFileName().toString().matches("\\d+")).toList()) {
        try {
          if (!Files.readString(process.resolve("comm")).trim().equals(comm)) {
            continue;
          }
          String stat = Files.readString(process.resolve("stat"));
          Ticks own = Ticks.parse(stat);
          Ticks children = Ticks.parseChildren(stat);
          tasks.put(process.getFileName().toString(), new CpuUse.TaskCpu(comm, own));
          user += own.user() + children.user();
          system += own.system() + children.system();
        } catch (IOException unreadable) {
          if (!threadEnded(process, unreadable)) {
            throw unreadable;
          }
        }
      }
    }
    if (tasks.isEmpty()) {
      return Optional.empty();
    }
    Ticks all = new Ticks(user, system);
    return Optional.of(new CpuUse(all.seconds(), all.kernelSeconds(), tasks));
  }

  /**
   * Whether a task's file could not be read because the thread ended while the list was read: its
   * files are gone (ENOENT), or it ended between open and read, which fails with ESRCH.
   */
  private static boolean threadEnded(Path task, IOException unreadable) {
    return unreadable instanceof NoSuchFileException
        || "No such process".equals(unreadable.getMessage())
        || !Files.exists(task);
  }

  private static String group(String threadName) {
    for (Map.Entry<String, String> group : THREAD_GROUPS) {
      if (threadName.startsWith(group.getKey())) {
        return group.getValue();
      }
    }
    return "other";
  }

  /** User and system clock ticks of a process or thread, from its {@code stat} file. */
  record Ticks(long user, long system) {

    double seconds() {
      return (user + system) / (double) TICKS_PER_SECOND;
    }

    double kernelSeconds() {
      return system / (double) TICKS_PER_SECOND;
    }

    /** The ticks of one line of {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat}. */
    static Ticks parse(String statLine) {
      String[] fields = fields(statLine);
      // fields[11] = utime, fields[12] = stime (fields 14 and 15 of proc(5)), in clock ticks.
      return new Ticks(Long.parseLong(fields[11]), Long.parseLong(fields[12]));
    }

    /**
     * The ticks of a process's reaped children in one line of {@code /proc/<pid>/stat} ({@code
     * cutime} and {@code cstime}).
     */
    static Ticks parseChildren(String statLine) {
      String[] fields = fields(statLine);
      // fields[13] = cutime, fields[14] = cstime (fields 16 and 17 of proc(5)), in clock ticks.
      return new Ticks(Long.parseLong(fields[13]), Long.parseLong(fields[14]));
    }

    /** The fields after the name, which may hold spaces and parentheses, from field 3 (state). */
    private static String[] fields(String statLine) {
      return statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
    }
  }

  private static Ticks ticks(Path stat) throws IOException {
    return Ticks.parse(Files.readString(stat));
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

  /**
   * The CPU's instruction-set features that decide which cryptographic code is fastest, in this
   * order: AVX-512 IFMA (the JDK's P-256 arithmetic), SHA (the JDK's SHA-256), AES and carry-less
   * multiply (AES-GCM), ADX and BMI2 (big-number arithmetic).
   */
  static final List<String> CRYPTO_FEATURES =
      List.of("avx512ifma", "sha_ni", "aes", "vaes", "pclmulqdq", "vpclmulqdq", "adx", "bmi2");

  /**
   * The first processor's model, its generation and its {@link #CRYPTO_FEATURES}, read from
   * /proc/cpuinfo.
   */
  static Cpu cpu() throws IOException {
    return Cpu.of(Files.readAllLines(Path.of("/proc/cpuinfo")));
  }

  /**
   * A processor as /proc/cpuinfo describes it: results from different machines are told apart by
   * it, since the same code runs at different speeds on them. A virtual machine's model name may
   * hide the generation (an AMD EPYC of any generation can be just {@code AMD EPYC}); the vendor's
   * family and model numbers still name it.
   *
   * @param model the {@code model name}, or {@code unknown}
   * @param generation {@code vendor_id}, {@code cpu family} and {@code model} (the model's number),
   *     such as {@code AuthenticAMD family 26 model 2}, or {@code unknown}
   * @param cryptoFeatures those of {@link #CRYPTO_FEATURES} among its {@code flags}
   */
  record Cpu(String model, String generation, List<String> cryptoFeatures) {

    static Cpu of(List<String> cpuinfo) {
      String model = field(cpuinfo, "model name").orElse("unknown");
      Optional<String> vendor = field(cpuinfo, "vendor_id");
      Optional<String> family = field(cpuinfo, "cpu family");
      Optional<String> number = field(cpuinfo, "model");
      String generation =
          vendor.isPresent() && family.isPresent() && number.isPresent()
              ? vendor.get() + " family " + family.get() + " model " + number.get()
              : "unknown";
      List<String> flags =
          field(cpuinfo, "flags").map(value -> List.of(value.split("\\s+"))).orElse(List.of());
      return new Cpu(model, generation, CRYPTO_FEATURES.stream().filter(flags::contains).toList());
    }
  }

  /** Total memory of the machine as /proc/meminfo states it. */
  static String memTotal() throws IOException {
    return field(Files.readAllLines(Path.of("/proc/meminfo")), "MemTotal").orElse("unknown");
  }

  /**
   * The value of the first {@code name: value} line named {@code name} in a /proc file such as
   * cpuinfo (the first processor's) or meminfo.
   */
  private static Optional<String> field(List<String> lines, String name) {
    return lines.stream()
        .filter(line -> line.indexOf(':') > 0)
        .filter(line -> line.substring(0, line.indexOf(':')).trim().equals(name))
        .map(line -> line.substring(line.indexOf(':') + 1).trim())
        .findFirst();
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
