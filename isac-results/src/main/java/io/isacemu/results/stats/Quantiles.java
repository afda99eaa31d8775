package io.isacemu.results.stats;

import io.isacemu.core.validation.InvalidFieldException;
import java.util.Arrays;

/** Empirical quantiles, linear interpolation between order statistics (numpy's default, type 7). */
public final class Quantiles {

  private Quantiles() {}

  /**
   * The {@code p}-quantile of {@code sorted} (ascending, non-empty).
   *
   * @throws IllegalArgumentException when {@code sorted} is empty or {@code p ∉ [0, 1]}
   */
  public static double linear(double[] sorted, double p) {
    if (sorted.length == 0) {
      throw InvalidFieldException.rejected("sorted", "[]", "must hold at least one value");
    }
    if (!(p >= 0 && p <= 1)) {
      throw InvalidFieldException.rejected("p", p, "must be in [0, 1]");
    }
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** The {@code p}-quantile of {@code values} in any order (copied, then sorted). */
  public static double of(double[] values, double p) {
    double[] s = values.clone();
    Arrays.sort(s);
    return linear(s, p);
  }
}
