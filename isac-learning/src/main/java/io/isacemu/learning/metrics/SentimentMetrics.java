package io.isacemu.learning.metrics;

/**
 * CMU-MOSEI sentiment metrics as computed by the MulT / MultiBench evaluation scripts.
 *
 * <ul>
 *   <li>{@code acc2HasZero}: over all samples, {@code (truth ≥ 0) == (pred ≥ 0)}
 *   <li>{@code acc2NonZero}: samples with {@code truth == 0} dropped, then {@code (truth > 0) ==
 *       (pred > 0)}
 *   <li>{@code f1Weighted}: binary F1 on the non-zero convention (same samples and classes as {@code
 *       acc2NonZero}), per-class F1 averaged with weights = class support (sklearn {@code
 *       average='weighted'}); a class with no true and no predicted member contributes F1 0 with
 *       weight 0
 *   <li>{@code acc7}: {@code round(clip(x, −3, 3))} equal for truth and prediction, rounding half to
 *       even like {@code numpy.round}
 *   <li>{@code mae}: mean absolute error
 *   <li>{@code pearson}: Pearson correlation; NaN when either side has zero variance
 * </ul>
 *
 * All accuracies and F1 are in [0, 1]; NaN when there is no sample to score.
 */
public record SentimentMetrics(
    double acc2HasZero, double acc2NonZero, double f1Weighted, double acc7, double mae, double pearson, int samples) {

  /**
   * Computes the metrics of {@code pred} against {@code truth} (equal lengths).
   *
   * @throws IllegalArgumentException when the lengths differ
   */
  public static SentimentMetrics compute(float[] truth, float[] pred) {
    if (truth.length != pred.length) {
      throw new IllegalArgumentException("pred: length " + pred.length + " != truth length " + truth.length);
    }
    int n = truth.length;
    int hasZeroHits = 0;
    int acc7Hits = 0;
    double absSum = 0;
    int nonZero = 0;
    int nonZeroHits = 0;
    // confusion on the non-zero convention: tp = truth>0 & pred>0, etc.
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int tn = 0;
    for (int i = 0; i < n; i++) {
      float t = truth[i];
      float p = pred[i];
      if ((t >= 0) == (p >= 0)) {
        hasZeroHits++;
      }
      if (Math.rint(clip(t)) == Math.rint(clip(p))) {
        acc7Hits++;
      }
      absSum += Math.abs(t - p);
      if (t != 0) {
        nonZero++;
        boolean tPos = t > 0;
        boolean pPos = p > 0;
        if (tPos == pPos) {
          nonZeroHits++;
        }
        if (tPos && pPos) {
          tp++;
        } else if (!tPos && pPos) {
          fp++;
        } else if (tPos) {
          fn++;
        } else {
          tn++;
        }
      }
    }
    double f1Pos = f1(tp, fp, fn);
    double f1Neg = f1(tn, fn, fp);
    int supportPos = tp + fn;
    int supportNeg = tn + fp;
    double f1w = nonZero == 0 ? Double.NaN : (f1Pos * supportPos + f1Neg * supportNeg) / nonZero;
    return new SentimentMetrics(
        n == 0 ? Double.NaN : hasZeroHits / (double) n,
        nonZero == 0 ? Double.NaN : nonZeroHits / (double) nonZero,
        f1w,
        n == 0 ? Double.NaN : acc7Hits / (double) n,
        n == 0 ? Double.NaN : absSum / n,
        pearson(truth, pred),
        n);
  }

  private static double clip(float x) {
    return Math.max(-3.0, Math.min(3.0, x));
  }

  private static double f1(int tp, int fp, int fn) {
    int denom = 2 * tp + fp + fn;
    return denom == 0 ? 0 : 2.0 * tp / denom;
  }

  /** Pearson correlation of two equal-length series; NaN for fewer than 2 samples or zero variance. */
  public static double pearson(float[] a, float[] b) {
    int n = a.length;
    if (n < 2) {
      return Double.NaN;
    }
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      double da = a[i] - ma;
      double db = b[i] - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    return (saa == 0 || sbb == 0) ? Double.NaN : sab / Math.sqrt(saa * sbb);
  }
}
