package io.isacemu.learning.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.validation.InvalidFieldException;
import io.isacemu.learning.GateExpertCost;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deploy rules on hand-made validation frontiers. */
class DeploySelectionTest {

  /** λ, Acc-2, normalised cost; latency = cost s, energy = cost/10 J, bits = cost·1e6. */
  private static FrontierPoint p(double lambda, double acc, double cost) {
    return new FrontierPoint(lambda, acc, cost, new GateExpertCost(cost, cost / 10, cost * 1e6, 1e9));
  }

  // the usual shape: more λ, cheaper and less accurate
  private static final List<FrontierPoint> FRONTIER =
      List.of(p(0.0, 0.80, 1.0), p(0.1, 0.795, 0.6), p(0.5, 0.78, 0.3), p(1.0, 0.70, 0.1));

  @Test
  void byLambdaTakesThatLambda() {
    Deployment d = DeploySelection.select(new DeployRule.ByLambda(0.5), FRONTIER, 0.80);
    assertThat(d.chosenLambda()).isEqualTo(0.5);
    assertThat(d.chosenIndex()).isEqualTo(2);
    assertThat(d.met()).isTrue();
    assertThatThrownBy(() -> DeploySelection.select(new DeployRule.ByLambda(0.3), FRONTIER, 0.8))
        .isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("deployLambda: 0.3");
  }

  @Test
  void maxAccuracyLossTakesTheCheapestWithinTheLossOfTheBestFixedExpert() {
    assertThat(DeploySelection.select(new DeployRule.MaxAccuracyLoss(1.0), FRONTIER, 0.80).chosenLambda())
        .isEqualTo(0.1);
    // exactly at the limit (0.80 - 0.78 = 2 pp, with float rounding) still meets it
    Deployment d = DeploySelection.select(new DeployRule.MaxAccuracyLoss(2.0), FRONTIER, 0.80);
    assertThat(d.chosenLambda()).isEqualTo(0.5);
    assertThat(d.met()).isTrue();
    assertThat(DeploySelection.select(new DeployRule.MaxAccuracyLoss(100), FRONTIER, 0.80).chosenLambda())
        .isEqualTo(1.0);
    // the reference is the fixed expert, not the best gate: a better expert leaves fewer gates within reach
    assertThat(DeploySelection.select(new DeployRule.MaxAccuracyLoss(1.0), FRONTIER, 0.81).chosenLambda())
        .isEqualTo(0.0);
  }

  @Test
  void costBudgetTakesTheMostAccurateWithinTheBudget() {
    Deployment d = DeploySelection.select(new DeployRule.CostBudget(CostMetric.LATENCY, 0.6), FRONTIER, 0.80);
    assertThat(d.chosenLambda()).isEqualTo(0.1);
    assertThat(d.met()).isTrue();
    assertThat(d.note()).contains("0.6 s per sample");
    assertThat(DeploySelection.select(new DeployRule.CostBudget(CostMetric.ENERGY, 0.05), FRONTIER, 0.8)
        .chosenLambda()).isEqualTo(0.5);
    assertThat(DeploySelection.select(new DeployRule.CostBudget(CostMetric.BITS, 2e6), FRONTIER, 0.8)
        .chosenLambda()).isEqualTo(0.0);
  }

  @Test
  void tiesGoToTheSecondCriterionThenTheSmallerLambda() {
    List<FrontierPoint> ties = List.of(p(0.2, 0.79, 0.5), p(0.1, 0.79, 0.5), p(0.3, 0.79, 0.4), p(0.4, 0.75, 0.4));
    // equal cost 0.4: the more accurate (λ=0.3); budget 0.5: all at 0.79, the cheapest (λ=0.3)
    assertThat(DeploySelection.select(new DeployRule.MaxAccuracyLoss(10), ties, 0.8).chosenLambda()).isEqualTo(0.3);
    assertThat(DeploySelection.select(new DeployRule.CostBudget(CostMetric.LATENCY, 0.5), ties, 0.8).chosenLambda())
        .isEqualTo(0.3);
    List<FrontierPoint> same = List.of(p(0.2, 0.79, 0.5), p(0.1, 0.79, 0.5));
    assertThat(DeploySelection.select(new DeployRule.MaxAccuracyLoss(1), same, 0.8).chosenLambda()).isEqualTo(0.1);
    assertThat(DeploySelection.select(new DeployRule.CostBudget(CostMetric.LATENCY, 1), same, 0.8).chosenLambda())
        .isEqualTo(0.1);
  }

  @Test
  void whenNoneMeetsItTheClosestIsDeployedAndSaysSo() {
    Deployment acc = DeploySelection.select(new DeployRule.MaxAccuracyLoss(0.5), FRONTIER, 0.90);
    assertThat(acc.met()).isFalse();
    assertThat(acc.chosenLambda()).isEqualTo(0.0); // the most accurate
    assertThat(acc.note()).startsWith("no gate within 0.5 pp").contains("10.00 pp below");
    Deployment cost = DeploySelection.select(new DeployRule.CostBudget(CostMetric.LATENCY, 0.05), FRONTIER, 0.8);
    assertThat(cost.met()).isFalse();
    assertThat(cost.chosenLambda()).isEqualTo(1.0); // the cheapest
    assertThat(cost.note()).startsWith("no gate meets the budget of 0.05 s per sample");
  }

  @Test
  void theDefaultKeepsTheCheapestWithinOnePointOfTheBestGate() {
    // best gate 0.80: within 1 pp are λ=0 and λ=0.1; the cheaper is 0.1 (the fixed expert plays no part)
    Deployment d = DeploySelection.select(DeployRule.NearBestGate.DEFAULT, FRONTIER, 0.95);
    assertThat(d.chosenLambda()).isEqualTo(0.1);
    assertThat(d.met()).isTrue();
  }

  @Test
  void rulesAreValidatedNamingTheFieldAndValue() {
    assertThatThrownBy(() -> new DeployRule.MaxAccuracyLoss(-1)).hasMessageStartingWith("maxAccuracyLoss: -1.0");
    assertThatThrownBy(() -> new DeployRule.MaxAccuracyLoss(Double.NaN)).hasMessageStartingWith("maxAccuracyLoss: NaN");
    assertThatThrownBy(() -> new DeployRule.CostBudget(CostMetric.ENERGY, -0.1))
        .hasMessageStartingWith("costBudget.perSample: -0.1");
    assertThatThrownBy(() -> new DeployRule.CostBudget(null, 1)).hasMessageStartingWith("costBudget.metric");
    assertThatThrownBy(() -> new DeployRule.ByLambda(Double.POSITIVE_INFINITY)).hasMessageStartingWith("deployLambda");
    assertThatThrownBy(() -> DeploySelection.select(DeployRule.NearBestGate.DEFAULT, List.of(), 0.8))
        .hasMessageStartingWith("frontier");
  }

  @Test
  void wireFormRoundTrips() {
    for (DeployRule r : List.of(new DeployRule.ByLambda(0.25), new DeployRule.MaxAccuracyLoss(1.5),
        new DeployRule.CostBudget(CostMetric.BITS, 2.5e6), DeployRule.NearBestGate.DEFAULT)) {
      assertThat(DeployRule.parse("rule", r.wire())).isEqualTo(r);
    }
    for (String bad : new String[] {"cheapest", "byLambda", "byLambda 0.1 0.2", "costBudget bits", "maxAccuracyLoss x"}) {
      assertThatThrownBy(() -> DeployRule.parse("deployment.rule", bad)).as(bad)
          .isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("deployment.rule");
    }
  }
}
