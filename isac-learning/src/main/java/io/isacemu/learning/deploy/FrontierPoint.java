package io.isacemu.learning.deploy;

import io.isacemu.core.validation.Check;
import io.isacemu.learning.GateExpertCost;

/**
 * One trained λ on the validation split: what a deploy rule is judged on.
 *
 * @param lambda the cost weight λ the gate was trained with, finite and ≥ 0
 * @param acc2HasZero validation Acc-2 (has-zero) of the gated model, in [0, 1]
 * @param normalisedCost expected normalised cost per sample (the cost term of the gate's loss), ≥ 0
 * @param costPerSample expected cost per sample in every unit (s, J, bit, FLOP)
 */
public record FrontierPoint(double lambda, double acc2HasZero, double normalisedCost, GateExpertCost costPerSample) {

  public FrontierPoint {
    Check.nonNegative("lambda", lambda);
    Check.inRange("acc2HasZero", acc2HasZero, 0, 1);
    Check.nonNegative("normalisedCost", normalisedCost);
    Check.present("costPerSample", costPerSample);
  }
}
