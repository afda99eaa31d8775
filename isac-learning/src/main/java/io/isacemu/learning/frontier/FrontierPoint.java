package io.isacemu.learning.frontier;

import io.isacemu.core.validation.Check;
import io.isacemu.learning.GateExpertCost;

/**
 * One routing of a split between a cheap and an expensive expert, scored.
 *
 * @param method what routed, e.g. {@code cascade}, {@code random}, {@code oracle (groups)}
 * @param shareExpensive {@code u_E = |{i : routed to E}| / N}, in [0, 1] (an expectation for random routing)
 * @param acc2 binary accuracy, has-zero convention ({@code (y ≥ 0) == (ŷ ≥ 0)}), of the routed
 *     predictions, in [0, 1]
 * @param meanCost per-sample cost {@code (1/N) Σ_i C_{r(i)}(i)} of the routing, per component
 */
public record FrontierPoint(String method, double shareExpensive, double acc2, GateExpertCost meanCost) {

  public FrontierPoint {
    Check.present("method", method);
    Check.inRange("shareExpensive", shareExpensive, 0, 1);
    Check.inRange("acc2", acc2, 0, 1);
    Check.present("meanCost", meanCost);
  }

  /** Mean FLOPs per sample in millions. */
  public double megaFlops() {
    return meanCost.flops() / 1e6;
  }
}
