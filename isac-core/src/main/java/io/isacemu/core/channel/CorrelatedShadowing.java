package io.isacemu.core.channel;

import io.isacemu.core.validation.Check;
import java.util.random.RandomGenerator;

/**
 * Log-normal shadowing correlated over the distance moved: Gudmundson's exponential model
 * (Electronics Letters 27(23), 1991), autocorrelation {@code R(Δd) = σ² exp(−Δd / d_corr)}.
 *
 * <p>Realised as a first-order autoregression on the distance axis: {@code S' = ρ S + √(1 − ρ²) σ
 * N(0,1)}, {@code ρ = exp(−Δd / d_corr)}, which keeps the marginal {@code N(0, σ²)} dB exactly for
 * any sequence of steps. {@code d_corr} per TR 38.901 Table 7.5-6 (UMi: 10 m LOS, 13 m NLOS).
 */
final class CorrelatedShadowing {

  private final double stdDb;
  private final double decorrelationDistanceM;
  private final RandomGenerator rng;
  private double valueDb;

  /**
   * Draws the initial value from {@code N(0, σ²)}.
   *
   * @param stdDb standard deviation σ, dB, {@code ≥ 0}
   * @param decorrelationDistanceM d_corr, m, {@code > 0}
   */
  CorrelatedShadowing(double stdDb, double decorrelationDistanceM, RandomGenerator rng) {
    this.stdDb = Check.nonNegative("stdDb", stdDb);
    this.decorrelationDistanceM = Check.positive("decorrelationDistanceM", decorrelationDistanceM);
    this.rng = Check.present("rng", rng);
    this.valueDb = stdDb * rng.nextGaussian();
  }

  /** Current shadowing, dB. */
  double valueDb() {
    return valueDb;
  }

  /**
   * Moves the process {@code movedM} metres along the path and returns the new value, dB. A
   * zero move leaves the value unchanged and draws nothing.
   *
   * @param movedM distance moved, m, finite and {@code ≥ 0}
   */
  double advance(double movedM) {
    Check.nonNegative("movedM", movedM);
    if (movedM > 0.0) {
      double rho = Math.exp(-movedM / decorrelationDistanceM);
      valueDb = rho * valueDb + Math.sqrt(1.0 - rho * rho) * stdDb * rng.nextGaussian();
    }
    return valueDb;
  }
}
