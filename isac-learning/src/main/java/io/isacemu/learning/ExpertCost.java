package io.isacemu.learning;

import io.isacemu.core.validation.Check;

/**
 * The cost of running one expert {@code E_i} for one sample, as fed by the core's cost model.
 *
 * @param latencySeconds end-to-end latency, s, finite and ≥ 0
 * @param energyJoules energy, J, finite and ≥ 0
 * @param bits bits to transfer, finite and ≥ 0
 * @param flops floating-point operations, finite and ≥ 0
 */
public record ExpertCost(double latencySeconds, double energyJoules, double bits, double flops) {

  public ExpertCost {
    Check.nonNegative("latencySeconds", latencySeconds);
    Check.nonNegative("energyJoules", energyJoules);
    Check.nonNegative("bits", bits);
    Check.nonNegative("flops", flops);
  }

  /** The component selected by {@code metric}, in its own unit (s, J, bit or FLOP). */
  public double get(CostMetric metric) {
    return switch (metric) {
      case LATENCY -> latencySeconds;
      case ENERGY -> energyJoules;
      case BITS -> bits;
      case FLOPS -> flops;
    };
  }
}
