package io.isacemu.results.stats;

import io.isacemu.core.validation.Check;
import io.isacemu.core.validation.InvalidFieldException;
import java.util.Arrays;

/**
 * Student's t distribution: CDF through the regularized incomplete beta function (continued
 * fraction, Lentz's method), quantiles by bisection on the CDF (to ~1e-12), and the t-interval of a
 * mean over replications.
 */
public final class StudentT {

  private StudentT() {}

  /** The default confidence level of the platform's intervals. */
  public static final double LEVEL_95 = 0.95;

  /**
   * {@code P(T ≤ t)} for {@code df} degrees of freedom.
   *
   * @throws IllegalArgumentException when {@code df ≤ 0} or {@code t} is NaN
   */
  public static double cdf(double t, double df) {
    Check.positive("df", df);
    if (Double.isNaN(t)) {
      throw InvalidFieldException.rejected("t", t, "is not a number");
    }
    if (Double.isInfinite(t)) {
      return t > 0 ? 1 : 0;
    }
    double x = df / (df + t * t);
    double tail = 0.5 * regularizedBeta(x, df / 2, 0.5);
    return t >= 0 ? 1 - tail : tail;
  }

  /**
   * The quantile {@code t_{p, df}}: the {@code t} with {@code cdf(t, df) = p}.
   *
   * @throws IllegalArgumentException when {@code p ∉ (0, 1)} or {@code df ≤ 0}
   */
  public static double quantile(double p, double df) {
    Check.positive("df", df);
    if (!(p > 0 && p < 1)) {
      throw InvalidFieldException.rejected("p", p, "must be in (0, 1)");
    }
    if (p == 0.5) {
      return 0;
    }
    if (p < 0.5) {
      return -quantile(1 - p, df);
    }
    double lo = 0;
    double hi = 1;
    while (cdf(hi, df) < p) {
      lo = hi;
      hi *= 2;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, hi); i++) {
      double mid = (lo + hi) / 2;
      if (cdf(mid, df) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /**
   * The Student-t interval of the mean of {@code values} (replications) at {@code level}: {@code
   * x̄ ± t_{(1+level)/2, n−1} · s / √n} with the sample standard deviation {@code s} (n − 1).
   * One value gives a {@link ConfidenceInterval.Method#POINT} interval.
   *
   * @throws IllegalArgumentException when {@code values} is empty or holds a non-finite value
   */
  public static ConfidenceInterval interval(double[] values, double level) {
    if (values.length == 0) {
      throw InvalidFieldException.rejected("values", "[]", "must hold at least one value");
    }
    for (int i = 0; i < values.length; i++) {
      Check.finite("values[" + i + "]", values[i]);
    }
    double mean = Arrays.stream(values).sum() / values.length;
    if (values.length == 1) {
      return ConfidenceInterval.point(mean, level);
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    int n = values.length;
    double s = Math.sqrt(ss / (n - 1));
    double half = quantile((1 + level) / 2, n - 1) * s / Math.sqrt(n);
    return new ConfidenceInterval(mean, mean - half, mean + half, n, level, ConfidenceInterval.Method.STUDENT_T);
  }

  /** {@code I_x(a, b)}, the regularized incomplete beta function, for {@code x ∈ [0, 1]}. */
  static double regularizedBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
    double front = Math.exp(lnFront);
    if (x < (a + 1) / (a + b + 2)) {
      return front * betaContinuedFraction(x, a, b) / a;
    }
    return 1 - front * betaContinuedFraction(1 - x, b, a) / b;
  }

  private static double betaContinuedFraction(double x, double a, double b) {
    final double tiny = 1e-300;
    double qab = a + b;
    double qap = a + 1;
    double qam = a - 1;
    double c = 1;
    double d = 1 - qab * x / qap;
    d = Math.abs(d) < tiny ? tiny : d;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 10_000; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
      d = 1 + aa * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + aa / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      h *= d * c;
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1 + aa * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + aa / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < 1e-15) {
        break;
      }
    }
    return h;
  }

  /** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ~1e-15). */
  static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double[] g = {
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
      -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    double xx = x - 1;
    double a = g[0];
    double t = xx + 7.5;
    for (int i = 1; i < 9; i++) {
      a += g[i] / (xx + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
  }
}
