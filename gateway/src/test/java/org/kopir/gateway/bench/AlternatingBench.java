package org.kopir.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kopir.gateway.cli.DemoCommand;
import org.kopir.gateway.testsupport.NodeProcess;

/**
 * Two builds or settings of the node compared by the end-to-end benchmark in one session, the way
 * docs/performance.md compares them: {@link EndToEndBench} runs variant A and variant B in turn, in
 * pairs that alternate which goes first (A B, B A, A B, …), so that the machine's drift over the
 * hour falls on both alike; then it prints each run's figures and, for each figure, how many pairs
 * favoured each variant. It measures and prints; it decides nothing.
 *
 * <p>Arguments: {@code --a-jar FILE} and {@code --b-jar FILE} (the application jar each variant's
 * nodes run as shipped; default the build's, {@link NodeProcess#JAR}), {@code --a-jvm-options
 * "..."} and {@code --b-jvm-options "..."} (default the launchers', {@link
 * DemoCommand#DEFAULT_JVM_OPTIONS}), {@code --a-label} and {@code --b-label} (default {@code A} and
 * {@code B}), {@code --pairs N} (default 3), {@code --work DIR} (each run's nodes work in a
 * directory of their own under it, named by the run's number and variant); every other argument
 * goes to each run of {@link EndToEndBench} as given, {@code --messages 5000 --warmup 1000
 * --profile false} for the goal's command. The variants must differ in their jar or their options.
 */
public final class AlternatingBench {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One side of the comparison. */
  record Variant(String label, Path jar, String jvmOptions) {}

  /** One benchmark run: which variant, and the results file it wrote. */
  record Outcome(Variant variant, Path results) {}

  /** A figure of a results file, and whether more of it is better. */
  enum Figure {
    FULL_MAX("full max referrals/s", true),
    CPU_WITHOUT_JIT("kz + kg CPU ms/referral without JIT", false),
    HALF_RATE_P99("half-rate p99 ms", false),
    TRANSPORT_MAX("transport-only max msg/s", true);

    final String title;
    final boolean higherIsBetter;

    Figure(String title, boolean higherIsBetter) {
      this.title = title;
      this.higherIsBetter = higherIsBetter;
    }

    double of(JsonNode results) {
      return switch (this) {
        case FULL_MAX ->
            run(results, "full", "max-throughput").path("throughputPerSecond").asDouble();
        case CPU_WITHOUT_JIT -> {
          JsonNode cpu = run(results, "full", "max-throughput").path("cpuMillisPerMessage");
          yield cpu.path("kz").path("withoutJit").asDouble()
              + cpu.path("kg").path("withoutJit").asDouble();
        }
        case HALF_RATE_P99 ->
            run(results, "full", "half-rate").path("latencyMillis").path("p99").asDouble();
        case TRANSPORT_MAX ->
            run(results, "transport-only", "max-throughput").path("throughputPerSecond").asDouble();
      };
    }

    private static JsonNode run(JsonNode results, String pipeline, String name) {
      for (JsonNode run : results.path("runs")) {
        if (run.path("pipeline").asText().equals(pipeline)
            && run.path("name").asText().equals(name)) {
          return run;
        }
      }
      throw new IllegalArgumentException("no " + pipeline + " " + name + " run in the results");
    }
  }

  private AlternatingBench() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = EndToEndBench.arguments(argv);
    Variant a = variant(args, "a", "A");
    Variant b = variant(args, "b", "B");
    if (a.jar().toAbsolutePath().equals(b.jar().toAbsolutePath())
        && a.jvmOptions().equals(b.jvmOptions())) {
      throw new IllegalArgumentException("the two variants run the same jar with the same options");
    }
    if (a.label().equals(b.label())) {
      throw new IllegalArgumentException("the two variants need two labels");
    }
    String pairsArgument = args.remove("pairs");
    int pairs = Integer.parseInt(pairsArgument == null ? "3" : pairsArgument);
    if (pairs < 1) {
      throw new IllegalArgumentException("--pairs is at least 1");
    }
    if (args.containsKey("jar") || args.containsKey("jvm-options")) {
      throw new IllegalArgumentException(
          "name each variant's jar and options: --a-jar, --b-jvm-options");
    }
    String work = args.remove("work");
    List<Outcome> outcomes = new ArrayList<>();
    for (Variant variant : order(a, b, pairs)) {
      int number = outcomes.size() + 1;
      System.out.printf("%n=== %s (run %d of %d)%n", variant.label(), number, 2 * pairs);
      List<String> run = arguments(args, work, number, variant);
      outcomes.add(new Outcome(variant, EndToEndBench.run(run.toArray(String[]::new))));
    }
    System.out.println();
    System.out.print(summary(outcomes));
  }

  /**
   * The benchmark's arguments for run {@code number}: the ones given for every run, the variant's
   * jar and options, and, under {@code work} if given, a directory of the run's own, since each run
   * starts on fresh data and a fresh PKI, as one run of the benchmark does.
   */
  static List<String> arguments(
      Map<String, String> everyRun, String work, int number, Variant variant) {
    List<String> run = new ArrayList<>();
    everyRun.forEach(
        (name, value) -> {
          run.add("--" + name);
          run.add(value);
        });
    if (work != null) {
      run.add("--work");
      run.add(Path.of(work, number + "-" + variant.label()).toString());
    }
    run.addAll(List.of("--jar", variant.jar().toString(), "--jvm-options", variant.jvmOptions()));
    return run;
  }

  /** A B, B A, A B, …: each pair alternates which variant goes first. */
  static List<Variant> order(Variant a, Variant b, int pairs) {
    List<Variant> order = new ArrayList<>();
    for (int pair = 0; pair < pairs; pair++) {
      order.addAll(pair % 2 == 0 ? List.of(a, b) : List.of(b, a));
    }
    return order;
  }

  /**
   * Each run's figures in the order run, then for each figure how many pairs (runs 1 and 2, 3 and
   * 4, …) favoured each variant; a pair whose two figures are equal favours neither.
   */
  static String summary(List<Outcome> outcomes) throws IOException {
    List<Map<Figure, Double>> figures = new ArrayList<>();
    for (Outcome outcome : outcomes) {
      JsonNode results = MAPPER.readTree(outcome.results().toFile());
      Map<Figure, Double> values = new LinkedHashMap<>();
      for (Figure figure : Figure.values()) {
        values.put(figure, figure.of(results));
      }
      figures.add(values);
    }
    StringBuilder out = new StringBuilder();
    out.append("| run | variant | results |");
    for (Figure figure : Figure.values()) {
      out.append(' ').append(figure.title).append(" |");
    }
    out.append('\n')
        .append("|---|---|---|")
        .append("---|".repeat(Figure.values().length))
        .append('\n');
    for (int i = 0; i < outcomes.size(); i++) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s |",
              i + 1,
              outcomes.get(i).variant().label(),
              outcomes.get(i).results().getFileName()));
      for (Figure figure : Figure.values()) {
        out.append(String.format(Locale.ROOT, " %.1f |", figures.get(i).get(figure)));
      }
      out.append('\n');
    }
    int pairs = outcomes.size() / 2;
    for (Figure figure : Figure.values()) {
      Map<String, Integer> favoured = new HashMap<>();
      for (int pair = 0; pair < pairs; pair++) {
        double first = figures.get(2 * pair).get(figure);
        double second = figures.get(2 * pair + 1).get(figure);
        if (first != second) {
          boolean firstBetter = figure.higherIsBetter ? first > second : first < second;
          Outcome better = outcomes.get(firstBetter ? 2 * pair : 2 * pair + 1);
          favoured.merge(better.variant().label(), 1, Integer::sum);
        }
      }
      out.append(figure.title).append(": ");
      List<String> counts = new ArrayList<>();
      for (String label : labels(outcomes)) {
        counts.add(
            String.format(
                Locale.ROOT,
                "%s in %d of %d pairs",
                label,
                favoured.getOrDefault(label, 0),
                pairs));
      }
      out.append(String.join(", ", counts)).append('\n');
    }
    return out.toString();
  }

  private static List<String> labels(List<Outcome> outcomes) {
    return outcomes.stream().map(outcome -> outcome.variant().label()).distinct().toList();
  }

  private static Variant variant(Map<String, String> args, String side, String defaultLabel) {
    String label = args.remove(side + "-label");
    String jar = args.remove(side + "-jar");
    String options = args.remove(side + "-jvm-options");
    return new Variant(
        label == null ? defaultLabel : label,
        jar == null ? NodeProcess.JAR : Path.of(jar),
        options == null ? DemoCommand.DEFAULT_JVM_OPTIONS : options);
  }
}
