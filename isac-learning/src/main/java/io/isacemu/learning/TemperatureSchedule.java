package io.isacemu.learning;

import io.isacemu.core.validation.Check;

/**
 * Exponential annealing of the Gumbel-softmax temperature over the stage-II epochs:
 * {@code τ(e) = max(τ_min, τ_0 · (τ_min/τ_0)^(e/(E−1)))} for epoch {@code e ∈ [0, E−1]}, so the
 * first epoch uses {@code τ_0} and the last {@code τ_min} (Jang et al. 2017, "Categorical
 * Reparameterization with Gumbel-Softmax", anneal schedule).
 *
 * @param initial τ_0 &gt; 0
 * @param minimum τ_min &gt; 0 and ≤ τ_0
 */
public record TemperatureSchedule(double initial, double minimum) {

  public TemperatureSchedule {
    Check.positive("tau0", initial);
    Check.positive("tauMin", minimum);
    if (minimum > initial) {
      throw new IllegalArgumentException("tauMin: " + minimum + " exceeds tau0 " + initial);
    }
  }

  /** τ at epoch {@code epoch} (0-based) of {@code epochs}; {@code epochs ≥ 1}. */
  public double at(int epoch, int epochs) {
    Check.positive("epochs", epochs);
    Check.nonNegative("epoch", epoch);
    if (epochs == 1) {
      return initial;
    }
    double frac = Math.min(1.0, epoch / (double) (epochs - 1));
    return Math.max(minimum, initial * Math.pow(minimum / initial, frac));
  }
}
