package io.isacemu.results.stats;

import io.isacemu.core.validation.Check;
import io.isacemu.core.validation.InvalidFieldException;

/**
 * A two-sided confidence interval of a mean (or of another statistic), in the unit of the
 * statistic it bounds. This record, with {@link StudentT} and {@link Bootstrap}, is the platform's
 * one confidence-interval implementation; other modules should reuse it rather than write another.
 *
 * @param mean the point estimate (the mean over replications, or the statistic over all samples)
 * @param lower the lower bound, {@code ≤ mean}
 * @param upper the upper bound, {@code ≥ mean}
 * @param n how many values the interval is over: replications ({@link Method#STUDENT_T}, {@link
 *     Method#POINT}) or samples ({@link Method#BOOTSTRAP}); {@code ≥ 1}
 * @param level the confidence level in (0, 1), e.g. 0.95
 * @param method how the interval was obtained
 */
public record ConfidenceInterval(double mean, double lower, double upper, int n, double level, Method method) {

  /** How an interval was obtained. */
  public enum Method {
    /** Student-t interval over {@code n ≥ 2} replications: mean ± t_{(1+level)/2, n−1}·s/√n. */
    STUDENT_T,
    /** Seeded percentile bootstrap over {@code n} samples of one replication. */
    BOOTSTRAP,
    /** One value and nothing to resample: {@code lower = mean = upper}, no spread is known. */
    POINT
  }

  public ConfidenceInterval {
    Check.finite("mean", mean);
    Check.finite("lower", lower);
    Check.finite("upper", upper);
    Check.positive("n", n);
    if (!(level > 0 && level < 1)) {
      throw InvalidFieldException.rejected("level", level, "must be in (0, 1)");
    }
    Check.present("method", method);
    if (lower > mean) {
      throw InvalidFieldException.rejected("lower", lower, "must be <= mean " + mean);
    }
    if (upper < mean) {
      throw InvalidFieldException.rejected("upper", upper, "must be >= mean " + mean);
    }
  }

  /** A single value with no known spread ({@link Method#POINT}). */
  public static ConfidenceInterval point(double value, double level) {
    return new ConfidenceInterval(value, value, value, 1, level, Method.POINT);
  }

  /** {@code (upper − lower) / 2}, in the unit of the statistic. */
  public double halfWidth() {
    return (upper - lower) / 2;
  }
}
