package io.isacemu.results.summary;

import io.isacemu.learning.metrics.SentimentMetrics;
import io.isacemu.results.samples.SampleCost;
import io.isacemu.results.samples.SampleRecord;
import io.isacemu.results.stats.Quantiles;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The metrics of a summary row, each computed over the served samples (status not {@code FAILED}) of
 * one replication. The accuracy metrics are isac-learning's {@link SentimentMetrics} (the MulT /
 * MultiBench conventions), not a re-implementation. A metric is NaN (absent from the row) when it is
 * undefined, e.g. the correlation of a constant prediction.
 */
public enum Metric {
  /** Acc-2, has-zero convention ({@code (y ≥ 0) == (ŷ ≥ 0)}), in [0, 1]. */
  ACC2_HAS0("acc2_has0", "", s -> sentiment(s).acc2HasZero()),
  /** Acc-2, non-zero convention (labels 0 dropped; {@code (y > 0) == (ŷ > 0)}), in [0, 1]. */
  ACC2_NON0("acc2_non0", "", s -> sentiment(s).acc2NonZero()),
  /** Weighted F1 on the non-zero convention, in [0, 1]. */
  F1("f1", "", s -> sentiment(s).f1Weighted()),
  /** Acc-7 (rounded, clipped to [−3, 3]), in [0, 1]. */
  ACC7("acc7", "", s -> sentiment(s).acc7()),
  /** Mean absolute error, sentiment units. */
  MAE("mae", "", s -> sentiment(s).mae()),
  /** Pearson correlation of prediction and label. */
  CORR("corr", "", s -> sentiment(s).pearson()),
  /** Mean modelled end-to-end latency, s. */
  LATENCY_MEAN("latency_mean_s", "s", s -> mean(s, SampleCost::totalSeconds)),
  /** 95th percentile of the modelled end-to-end latency (linear interpolation), s. */
  LATENCY_P95("latency_p95_s", "s", Metric::p95),
  /** Mean energy per sample, J. */
  ENERGY("energy_j", "J", s -> mean(s, SampleCost::energyJoules)),
  /** Mean uplinked bits per sample, bit. */
  BITS("bits", "bit", s -> mean(s, c -> c.bits())),
  /** Mean FLOPs per sample, FLOP. */
  FLOPS("flops", "FLOP", s -> mean(s, SampleCost::flops));

  private final String column;
  private final String unit;
  private final ToDoubleFunction<List<SampleRecord>> of;

  Metric(String column, String unit, ToDoubleFunction<List<SampleRecord>> of) {
    this.column = column;
    this.unit = unit;
    this.of = of;
  }

  /** The column / JSON key, e.g. {@code acc2_has0}. */
  public String column() {
    return column;
  }

  /** The unit, empty for a dimensionless metric. */
  public String unit() {
    return unit;
  }

  /** The metric over {@code served} (served samples of one replication); NaN when undefined or empty. */
  public double of(List<SampleRecord> served) {
    return served.isEmpty() ? Double.NaN : of.applyAsDouble(served);
  }

  private static SentimentMetrics sentiment(List<SampleRecord> s) {
    float[] truth = new float[s.size()];
    float[] pred = new float[s.size()];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = (float) s.get(i).label();
      pred[i] = (float) s.get(i).prediction().orElseThrow();
    }
    return SentimentMetrics.compute(truth, pred);
  }

  private static double mean(List<SampleRecord> s, ToDoubleFunction<SampleCost> f) {
    double sum = 0;
    for (SampleRecord r : s) {
      sum += f.applyAsDouble(r.cost());
    }
    return sum / s.size();
  }

  private static double p95(List<SampleRecord> s) {
    return Quantiles.of(s.stream().mapToDouble(r -> r.cost().totalSeconds()).toArray(), 0.95);
  }
}
