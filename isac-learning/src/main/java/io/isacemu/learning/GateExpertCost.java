package io.isacemu.learning;

import io.isacemu.core.cost.CostMetric;

import io.isacemu.core.validation.Check;

/**
 * The cost of running one expert {@code E_i} for one sample, as fed by the core's cost model: the
 * four components the gate's loss and the routing statistics read.
 *
 * <p>Not the core's {@link io.isacemu.core.cost.ExpertCost}: that one prices one frame of the system
 * model with its breakdown (sensing/comm/compute split, per-device paths). This one carries only the
 * four totals and is also used for values no single frame has: the mean over the training window's
 * frames ({@link SystemCosts}) and the cost expected under a routing ({@link
 * io.isacemu.learning.metrics.RoutingStats#expected()}). It is what a bundle persists.
 *
 * @param latencySeconds end-to-end latency, s, finite and ≥ 0
 * @param energyJoules energy, J, finite and ≥ 0
 * @param bits bits to transfer, finite and ≥ 0
 * @param flops floating-point operations, finite and ≥ 0
 */
public record GateExpertCost(double latencySeconds, double energyJoules, double bits, double flops) {

  public GateExpertCost {
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
