package io.isacemu.bs.task;

import io.isacemu.learning.metrics.SentimentMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Aggregates finished task results into {@link SummaryRow}s (pure; same input ⇒ same rows). */
public final class Summaries {

  /** The wildcard expert of a mode's overall row. */
  public static final String ALL = "*";

  private Summaries() {}

  /**
   * Rows per mode (sorted) — first the {@code *} row, then one per expert (sorted) — over the DONE and
   * DEGRADED tasks of {@code results}; FAILED and unfinished tasks are skipped.
   */
  public static List<SummaryRow> of(List<TaskResult> results) {
    Map<String, List<TaskResult>> byMode = new TreeMap<>();
    for (TaskResult t : results) {
      if (t.status() == TaskStatus.DONE || t.status() == TaskStatus.DEGRADED) {
        byMode.computeIfAbsent(t.mode(), k -> new ArrayList<>()).add(t);
      }
    }
    List<SummaryRow> rows = new ArrayList<>();
    byMode.forEach((mode, tasks) -> {
      Map<String, Integer> counts = new TreeMap<>();
      tasks.forEach(t -> t.samples().forEach(s -> s.expert().ifPresent(e -> counts.merge(e, 1, Integer::sum))));
      int total = counts.values().stream().mapToInt(Integer::intValue).sum();
      Map<String, Double> shares = new TreeMap<>();
      counts.forEach((e, n) -> shares.put(e, (double) n / total));
      rows.add(row(mode, ALL, tasks, s -> true, shares));
      counts.keySet().forEach(e -> rows.add(row(mode, e,
          tasks.stream().filter(t -> t.samples().stream().anyMatch(s -> s.expert().equals(java.util.Optional.of(e)))).toList(),
          s -> s.expert().equals(java.util.Optional.of(e)), Map.of(e, shares.get(e)))));
    });
    return rows;
  }

  private static SummaryRow row(String mode, String expert, List<TaskResult> tasks,
      Predicate<TaskResult.SampleOutcome> which, Map<String, Double> shares) {
    List<Float> truth = new ArrayList<>();
    List<Float> pred = new ArrayList<>();
    for (TaskResult t : tasks) {
      for (TaskResult.SampleOutcome s : t.samples()) {
        if (s.served() && which.test(s)) {
          truth.add(s.label());
          pred.add(s.prediction().orElseThrow());
        }
      }
    }
    float[] y = new float[truth.size()];
    float[] p = new float[pred.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = truth.get(i);
      p[i] = pred.get(i);
    }
    SentimentMetrics m = y.length == 0 ? null : SentimentMetrics.compute(y, p);
    double[] latency = tasks.stream().mapToDouble(t -> t.modelled().totalSeconds()).toArray();
    return new SummaryRow(mode, expert, tasks.size(), y.length,
        m == null ? 0 : m.acc2HasZero(), m == null ? 0 : m.f1Weighted(),
        mean(latency), p95(latency),
        mean(tasks.stream().mapToDouble(TaskResult::energyJ).toArray()),
        mean(tasks.stream().mapToDouble(TaskResult::bits).toArray()),
        shares);
  }

  static double mean(double[] v) {
    return v.length == 0 ? 0 : Arrays.stream(v).sum() / v.length;
  }

  /** Nearest-rank 95th percentile; 0 for no values. */
  static double p95(double[] v) {
    if (v.length == 0) {
      return 0;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    int rank = (int) Math.ceil(0.95 * s.length);
    return s[Math.max(0, rank - 1)];
  }
}
