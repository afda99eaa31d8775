package io.isacemu.bench;

import io.isacemu.results.stats.StudentT;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Named quantities collected once per training seed, reported as mean ± 95 % CI over the seeds. */
final class SeedStats {

  /** The values of one quantity over seeds. */
  static final class Series {
    final List<Double> v = new ArrayList<>();

    void add(double x) {
      v.add(x);
    }

    double mean() {
      return v.stream().mapToDouble(d -> d).average().orElse(Double.NaN);
    }

    double sum() {
      return v.stream().mapToDouble(d -> d).sum();
    }

    /** Half-width of the 95 % Student-t CI over seeds (isac-results' one CI implementation). */
    double halfWidth() {
      if (v.size() < 2 || v.stream().anyMatch(d -> !Double.isFinite(d))) {
        return Double.NaN;
      }
      return StudentT.interval(v.stream().mapToDouble(d -> d).toArray(), StudentT.LEVEL_95).halfWidth();
    }

    String fmt(String f) {
      return String.format(Locale.ROOT, f, mean()) + " ± " + String.format(Locale.ROOT, f.replace("+", ""), halfWidth());
    }
  }

  private final Map<String, Series> stats = new LinkedHashMap<>();

  /** The series named {@code key}, created empty on first use. */
  Series s(String key) {
    return stats.computeIfAbsent(key, k -> new Series());
  }
}
