package io.isacemu.learning.deploy;

import java.util.List;

/**
 * A {@link Deployment} as the REST APIs show it (JSON without type tags: the rule in its wire form).
 *
 * @param rule the rule, {@link DeployRule#wire()} (e.g. {@code costBudget energy 0.05}); for bundles
 *     written before deploy rules {@code byLambda <their λ>}
 * @param chosenLambda λ of the deployed gate
 * @param met whether the deployed gate meets the rule (false: none did, the closest was deployed)
 * @param note how the rule was met or missed
 * @param bestFixedAcc2HasZero validation Acc-2 of the best fixed gate expert
 * @param frontier the validation frontier, one point per trained λ (λ, Acc-2, costs per sample)
 */
public record DeploymentSummary(
    String rule, double chosenLambda, boolean met, String note, double bestFixedAcc2HasZero,
    List<FrontierPoint> frontier) {

  public DeploymentSummary {
    frontier = List.copyOf(frontier);
  }

  public static DeploymentSummary of(Deployment d) {
    return new DeploymentSummary(d.rule().wire(), d.chosenLambda(), d.met(), d.note(), d.bestFixedAcc2HasZero(),
        d.frontier());
  }
}
