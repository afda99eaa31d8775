package io.isacemu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Recomputes {@code GET /api/summary} from the per-task results of {@code GET /api/tasks}, from the
 * definitions in the API docs (not from the BS's code): per gate mode over its DONE and DEGRADED
 * tasks, a {@code *} row and one row per expert that served samples; Acc-2 = share of served samples
 * with {@code (label ≥ 0) == (prediction ≥ 0)}; weighted F1 on the non-zero labels; mean and
 * nearest-rank p95 of the modelled task latency; mean energy and bits; expert shares of the served
 * samples.
 */
final class SummaryCheck {

  private SummaryCheck() {}

  /** One expected summary row. */
  record Row(String mode, String expert, int tasks, int samples, double acc2, double f1Weighted,
      double meanLatencySeconds, double p95LatencySeconds, double meanEnergyJ, double meanBits,
      Map<String, Double> expertShares) {}

  /** The rows {@code tasks} should aggregate to, sorted by mode, {@code *} first, then experts by name. */
  static List<Row> expected(JsonNode tasks) {
    Map<String, List<JsonNode>> byMode = new TreeMap<>();
    for (JsonNode t : tasks) {
      String status = t.path("status").asText();
      if (status.equals("DONE") || status.equals("DEGRADED")) {
        byMode.computeIfAbsent(t.path("mode").asText(), k -> new ArrayList<>()).add(t);
      }
    }
    List<Row> rows = new ArrayList<>();
    byMode.forEach((mode, list) -> {
      Map<String, Integer> served = new TreeMap<>();
      for (JsonNode t : list) {
        for (JsonNode s : t.path("samples")) {
          if (hasExpert(s)) {
            served.merge(s.path("expert").asText(), 1, Integer::sum);
          }
        }
      }
      int total = served.values().stream().mapToInt(Integer::intValue).sum();
      Map<String, Double> shares = new TreeMap<>();
      served.forEach((e, n) -> shares.put(e, (double) n / total));
      rows.add(row(mode, "*", list, s -> true, shares));
      for (String e : served.keySet()) {
        Predicate<JsonNode> byE = s -> hasExpert(s) && s.path("expert").asText().equals(e);
        List<JsonNode> withE = list.stream().filter(t -> anySample(t, byE)).toList();
        rows.add(row(mode, e, withE, byE, Map.of(e, shares.get(e))));
      }
    });
    return rows;
  }

  /** Asserts that {@code summary} (GET /api/summary) equals {@link #expected(JsonNode)} of {@code tasks}. */
  static void assertMatches(JsonNode summary, JsonNode tasks) {
    List<Row> want = expected(tasks);
    assertThat(summary).as("summary rows").hasSize(want.size());
    for (int i = 0; i < want.size(); i++) {
      Row w = want.get(i);
      JsonNode got = summary.get(i);
      String at = w.mode() + "/" + w.expert();
      assertThat(got.path("mode").asText()).as(at + " mode").isEqualTo(w.mode());
      assertThat(got.path("expert").asText()).as(at + " expert").isEqualTo(w.expert());
      assertThat(got.path("tasks").asInt()).as(at + " tasks").isEqualTo(w.tasks());
      assertThat(got.path("samples").asInt()).as(at + " samples").isEqualTo(w.samples());
      close(at + " acc2", got.path("acc2").asDouble(), w.acc2());
      close(at + " f1Weighted", got.path("f1Weighted").asDouble(), w.f1Weighted());
      close(at + " meanLatencySeconds", got.path("meanLatencySeconds").asDouble(), w.meanLatencySeconds());
      close(at + " p95LatencySeconds", got.path("p95LatencySeconds").asDouble(), w.p95LatencySeconds());
      close(at + " meanEnergyJ", got.path("meanEnergyJ").asDouble(), w.meanEnergyJ());
      close(at + " meanBits", got.path("meanBits").asDouble(), w.meanBits());
      Map<String, Double> shares = new TreeMap<>();
      got.path("expertShares").fields().forEachRemaining(f -> shares.put(f.getKey(), f.getValue().asDouble()));
      assertThat(shares.keySet()).as(at + " expertShares").isEqualTo(w.expertShares().keySet());
      w.expertShares().forEach((e, v) -> close(at + " share of " + e, shares.get(e), v));
    }
  }

  private static void close(String what, double actual, double expected) {
    if (Double.isNaN(expected)) {
      assertThat(actual).as(what).isNaN();
    } else {
      assertThat(actual).as(what).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
    }
  }

  private static boolean hasExpert(JsonNode sample) {
    return sample.hasNonNull("expert") && !sample.path("expert").asText().isEmpty();
  }

  private static boolean anySample(JsonNode task, Predicate<JsonNode> p) {
    for (JsonNode s : task.path("samples")) {
      if (p.test(s)) {
        return true;
      }
    }
    return false;
  }

  private static Row row(String mode, String expert, List<JsonNode> tasks, Predicate<JsonNode> which,
      Map<String, Double> shares) {
    int n = 0;
    int hits = 0;
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int tn = 0;
    for (JsonNode t : tasks) {
      for (JsonNode s : t.path("samples")) {
        if (!s.hasNonNull("prediction") || !which.test(s)) {
          continue;
        }
        float y = (float) s.path("label").asDouble();
        float p = (float) s.path("prediction").asDouble();
        n++;
        hits += (y >= 0) == (p >= 0) ? 1 : 0;
        if (y != 0) {
          boolean truth = y > 0;
          boolean pred = p > 0;
          tp += truth && pred ? 1 : 0;
          fp += !truth && pred ? 1 : 0;
          fn += truth && !pred ? 1 : 0;
          tn += !truth && !pred ? 1 : 0;
        }
      }
    }
    int nonZero = tp + fp + fn + tn;
    // weighted F1 = Σ_class F1_class · support_class / Σ support, classes positive and negative
    double f1 = nonZero == 0 ? Double.NaN
        : (f1(tp, fp, fn) * (tp + fn) + f1(tn, fn, fp) * (tn + fp)) / nonZero;
    double[] latency = tasks.stream().mapToDouble(t -> t.path("modelled").path("totalSeconds").asDouble()).toArray();
    return new Row(mode, expert, tasks.size(), n, n == 0 ? 0 : (double) hits / n, n == 0 ? 0 : f1,
        mean(latency), p95(latency),
        mean(tasks.stream().mapToDouble(t -> t.path("energyJ").asDouble()).toArray()),
        mean(tasks.stream().mapToDouble(t -> t.path("bits").asDouble()).toArray()),
        shares);
  }

  private static double f1(int tp, int fp, int fn) {
    int d = 2 * tp + fp + fn;
    return d == 0 ? 0 : 2.0 * tp / d;
  }

  private static double mean(double[] v) {
    return v.length == 0 ? 0 : Arrays.stream(v).sum() / v.length;
  }

  /** Nearest rank: the ⌈0.95 n⌉-th smallest value. */
  private static double p95(double[] v) {
    if (v.length == 0) {
      return 0;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    return s[Math.max(0, (int) Math.ceil(0.95 * s.length) - 1)];
  }
}
