package io.isacemu.learning.deploy;

import io.isacemu.core.validation.Check;
import java.util.List;

/**
 * Which gate a job deployed and why: the outcome of {@link DeploySelection#select}.
 *
 * @param rule the rule the gate was chosen by
 * @param chosenLambda λ of the deployed gate, one of the frontier's
 * @param met whether the deployed gate meets the rule; false when none did and the closest was
 *     deployed instead (see {@code note})
 * @param note one line saying how the rule was met, or by how much it was missed
 * @param bestFixedAcc2HasZero validation Acc-2 of the best fixed gate expert (the reference of
 *     {@link DeployRule.MaxAccuracyLoss}), in [0, 1]
 * @param frontier the validation frontier, one point per trained λ in the job's order
 */
public record Deployment(
    DeployRule rule, double chosenLambda, boolean met, String note, double bestFixedAcc2HasZero,
    List<FrontierPoint> frontier) {

  public Deployment {
    Check.present("rule", rule);
    Check.present("note", note);
    Check.inRange("bestFixedAcc2HasZero", bestFixedAcc2HasZero, 0, 1);
    frontier = List.copyOf(Check.present("frontier", frontier));
    double l = chosenLambda;
    if (frontier.stream().noneMatch(p -> p.lambda() == l)) {
      throw new IllegalArgumentException("chosenLambda: " + chosenLambda + " is not on the frontier");
    }
  }

  /** Index of the deployed gate in {@link #frontier} (the job's λ order). */
  public int chosenIndex() {
    for (int i = 0; i < frontier.size(); i++) {
      if (frontier.get(i).lambda() == chosenLambda) {
        return i;
      }
    }
    throw new IllegalStateException("unreachable: checked in the constructor");
  }
}
