package io.isacemu.learning.deploy;

import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.validation.InvalidFieldException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Picks the deployed gate from the per-λ validation results; a pure function.
 *
 * <ul>
 *   <li>{@link DeployRule.ByLambda}: that λ.
 *   <li>{@link DeployRule.MaxAccuracyLoss} / {@link DeployRule.NearBestGate}: among the gates within
 *       the loss of the reference (best fixed expert / best gate), the lowest expected normalised
 *       cost (the cost term the gate was trained on); ties: higher Acc-2, then smaller λ.
 *   <li>{@link DeployRule.CostBudget}: among the gates within the budget, the highest Acc-2; ties:
 *       lower cost in the budget's metric, then smaller λ.
 * </ul>
 *
 * <p>When no gate meets the rule the job still deploys — the closest gate (most accurate for an
 * accuracy rule, cheapest for a budget), with {@link Deployment#met()} false and a note saying by
 * how much it misses — rather than failing: the experts and gates took the whole job to train, and
 * the miss is visible in the results and at the BS ({@code GET /api/model}), where it can be judged.
 */
public final class DeploySelection {

  // Acc-2 and costs come from sums of floats: a gate exactly at the limit must not miss by rounding
  private static final double TOLERANCE = 1e-9;

  private DeploySelection() {}

  /**
   * @param rule the rule
   * @param frontier one point per trained λ, at least one, distinct λ
   * @param bestFixedAcc2HasZero validation Acc-2 of the best fixed gate expert, in [0, 1]
   * @throws InvalidFieldException when a {@link DeployRule.ByLambda}'s λ is not on the frontier
   */
  public static Deployment select(DeployRule rule, List<FrontierPoint> frontier, double bestFixedAcc2HasZero) {
    if (frontier.isEmpty()) {
      throw new IllegalArgumentException("frontier: [] must hold at least one trained λ");
    }
    Comparator<FrontierPoint> smallerLambda = Comparator.comparingDouble(FrontierPoint::lambda);
    Comparator<FrontierPoint> cheapest = Comparator.comparingDouble(FrontierPoint::normalisedCost)
        .thenComparing(Comparator.comparingDouble(FrontierPoint::acc2HasZero).reversed()).thenComparing(smallerLambda);
    Comparator<FrontierPoint> mostAccurate = Comparator.comparingDouble(FrontierPoint::acc2HasZero).reversed()
        .thenComparingDouble(FrontierPoint::normalisedCost).thenComparing(smallerLambda);
    if (rule instanceof DeployRule.ByLambda r) {
      FrontierPoint p = frontier.stream().filter(f -> f.lambda() == r.lambda()).findFirst().orElseThrow(() ->
          InvalidFieldException.rejected("deployLambda", r.lambda(), "is not one of the trained λ " + lambdas(frontier)));
      return new Deployment(rule, p.lambda(), true, "λ=" + p.lambda() + " named by deployLambda",
          bestFixedAcc2HasZero, frontier);
    }
    if (rule instanceof DeployRule.NearBestGate r) {
      double best = frontier.stream().mapToDouble(FrontierPoint::acc2HasZero).max().orElseThrow();
      return byAccuracy(rule, frontier, bestFixedAcc2HasZero, best, r.lossPoints(), "the best gate", cheapest,
          mostAccurate);
    }
    if (rule instanceof DeployRule.MaxAccuracyLoss r) {
      return byAccuracy(rule, frontier, bestFixedAcc2HasZero, bestFixedAcc2HasZero, r.lossPoints(),
          "the best fixed expert", cheapest, mostAccurate);
    }
    return byBudget((DeployRule.CostBudget) rule, frontier, bestFixedAcc2HasZero, mostAccurate);
  }

  private static Deployment byBudget(DeployRule.CostBudget r, List<FrontierPoint> frontier, double bestFixed,
      Comparator<FrontierPoint> mostAccurate) {
    Comparator<FrontierPoint> inMetric = Comparator.comparingDouble(p -> cost(p, r.metric()));
    Comparator<FrontierPoint> cheapestIn = inMetric.thenComparing(mostAccurate);
    Comparator<FrontierPoint> accurateThenCheapest = Comparator.comparingDouble(FrontierPoint::acc2HasZero).reversed()
        .thenComparing(inMetric).thenComparingDouble(FrontierPoint::lambda);
    String budget = r.perSample() + " " + r.unit() + " per sample (" + name(r.metric()) + ")";
    List<FrontierPoint> ok = frontier.stream()
        .filter(p -> cost(p, r.metric()) <= r.perSample() * (1 + TOLERANCE)).toList();
    if (!ok.isEmpty()) {
      FrontierPoint p = ok.stream().min(accurateThenCheapest).orElseThrow();
      return new Deployment(r, p.lambda(), true, String.format(Locale.ROOT,
          "λ=%s: the most accurate gate within %s: Acc-2 %.4f at %.6g %s", p.lambda(), budget, p.acc2HasZero(),
          cost(p, r.metric()), r.unit()), bestFixed, frontier);
    }
    FrontierPoint p = frontier.stream().min(cheapestIn).orElseThrow();
    return new Deployment(r, p.lambda(), false, String.format(Locale.ROOT,
        "no gate meets the budget of %s; deployed the cheapest, λ=%s, at %.6g %s (Acc-2 %.4f)", budget, p.lambda(),
        cost(p, r.metric()), r.unit(), p.acc2HasZero()), bestFixed, frontier);
  }

  private static Deployment byAccuracy(DeployRule rule, List<FrontierPoint> frontier, double bestFixed,
      double reference, double lossPoints, String referenceName, Comparator<FrontierPoint> cheapest,
      Comparator<FrontierPoint> mostAccurate) {
    double floor = reference - lossPoints / 100.0 - TOLERANCE;
    List<FrontierPoint> ok = frontier.stream().filter(p -> p.acc2HasZero() >= floor).toList();
    if (!ok.isEmpty()) {
      FrontierPoint p = ok.stream().min(cheapest).orElseThrow();
      return new Deployment(rule, p.lambda(), true, String.format(Locale.ROOT,
          "λ=%s: the cheapest gate within %s pp of %s (Acc-2 %.4f): Acc-2 %.4f, normalised cost %.4f", p.lambda(),
          lossPoints, referenceName, reference, p.acc2HasZero(), p.normalisedCost()), bestFixed, frontier);
    }
    FrontierPoint p = frontier.stream().min(mostAccurate).orElseThrow();
    return new Deployment(rule, p.lambda(), false, String.format(Locale.ROOT,
        "no gate within %s pp of %s (Acc-2 %.4f); deployed the most accurate, λ=%s, %.2f pp below", lossPoints,
        referenceName, reference, p.lambda(), (reference - p.acc2HasZero()) * 100), bestFixed, frontier);
  }

  private static double cost(FrontierPoint p, CostMetric metric) {
    return p.costPerSample().get(metric);
  }

  private static String name(CostMetric m) {
    return m.name().toLowerCase(Locale.ROOT);
  }

  private static List<Double> lambdas(List<FrontierPoint> frontier) {
    return frontier.stream().map(FrontierPoint::lambda).toList();
  }
}
