package io.isacemu.results.stats;

import io.isacemu.core.validation.Check;
import io.isacemu.core.validation.InvalidFieldException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Seeded percentile bootstrap over the samples of one replication. Resampling uses {@link
 * java.util.Random} (its algorithm is fixed by the Java specification), so the same seed, data and
 * statistic give the same interval on every JVM.
 *
 * @param resamples how many bootstrap resamples, {@code ≥ 100}
 * @param seed the seed of the resampling
 */
public record Bootstrap(int resamples, long seed) {

  /** 2000 resamples. */
  public static final int DEFAULT_RESAMPLES = 2000;

  public Bootstrap {
    if (resamples < 100) {
      throw InvalidFieldException.rejected("resamples", resamples, "must be >= 100");
    }
  }

  /**
   * The percentile interval of {@code statistic} over {@code n} samples: the statistic of all
   * samples is the point estimate; the bounds are the {@code (1−level)/2} and {@code (1+level)/2}
   * quantiles (linear interpolation) of the statistic over resamples of indices with replacement.
   * Resamples whose statistic is not finite (e.g. a correlation of a constant resample) are skipped.
   *
   * @param n the number of samples, {@code ≥ 1}
   * @param statistic the statistic of a resample, given as indices into the samples (repeats allowed)
   * @return empty when the statistic of all samples is not finite; a {@link
   *     ConfidenceInterval.Method#POINT} interval when {@code n = 1} or no resample was finite
   */
  public Optional<ConfidenceInterval> interval(int n, ToDoubleFunction<int[]> statistic, double level) {
    Check.positive("n", n);
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    double estimate = statistic.applyAsDouble(all);
    if (!Double.isFinite(estimate)) {
      return Optional.empty();
    }
    if (n == 1) {
      return Optional.of(ConfidenceInterval.point(estimate, level));
    }
    Random random = new Random(seed);
    double[] stats = new double[resamples];
    int kept = 0;
    int[] idx = new int[n];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < n; i++) {
        idx[i] = random.nextInt(n);
      }
      double s = statistic.applyAsDouble(idx);
      if (Double.isFinite(s)) {
        stats[kept++] = s;
      }
    }
    if (kept == 0) {
      return Optional.of(ConfidenceInterval.point(estimate, level));
    }
    double[] sorted = Arrays.copyOf(stats, kept);
    Arrays.sort(sorted);
    double lower = Math.min(estimate, Quantiles.linear(sorted, (1 - level) / 2));
    double upper = Math.max(estimate, Quantiles.linear(sorted, (1 + level) / 2));
    return Optional.of(new ConfidenceInterval(estimate, lower, upper, n, level, ConfidenceInterval.Method.BOOTSTRAP));
  }

  /** The percentile interval of the mean of {@code values}. */
  public Optional<ConfidenceInterval> meanInterval(double[] values, double level) {
    return interval(values.length, idx -> {
      double s = 0;
      for (int i : idx) {
        s += values[i];
      }
      return s / idx.length;
    }, level);
  }
}
