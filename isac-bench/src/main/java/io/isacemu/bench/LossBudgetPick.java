package io.isacemu.bench;

import io.isacemu.learning.frontier.FrontierPoint;
import io.isacemu.learning.frontier.RoutingFrontier;
import java.util.List;

/**
 * The operating point "at most {@code maxLoss} Acc-2 below fixed V+A+T", chosen on the
 * <em>validation</em> split and then read on the test split, so a method is not credited with a
 * point it could only find by looking at the test labels.
 *
 * <p>A learned gate: among its λ runs, the one with the lowest validation share on V+A+T (the cost
 * every metric of this benchmark is monotone in) whose validation Acc-2 is at least {@code
 * Acc_val(V+A+T) − maxLoss}; when none is, the most accurate on validation ({@code met = false}). The
 * confidence cascade: the smallest share {@code u} on a 0.01 grid whose validation Acc-2 meets the
 * same bound, applied on the test split at the same share.
 */
final class LossBudgetPick {

  private LossBudgetPick() {}

  /** Index into {@code validPoints} of the chosen run, and whether it met the bound on validation. */
  record Choice(int index, boolean met) {}

  /** The gate run to deploy under the bound, from the runs' validation points (one per λ). */
  static Choice gate(List<FrontierPoint> validPoints, double validExpensiveAcc, double maxLoss) {
    int best = -1;
    int mostAccurate = 0;
    for (int i = 0; i < validPoints.size(); i++) {
      FrontierPoint p = validPoints.get(i);
      if (p.acc2() > validPoints.get(mostAccurate).acc2()) {
        mostAccurate = i;
      }
      if (p.acc2() >= validExpensiveAcc - maxLoss - 1e-12
          && (best < 0 || p.shareExpensive() < validPoints.get(best).shareExpensive())) {
        best = i;
      }
    }
    return best >= 0 ? new Choice(best, true) : new Choice(mostAccurate, false);
  }

  /** The cascade's share on V+A+T under the bound, read on validation (1 when nothing cheaper meets it). */
  static double cascadeShare(RoutingFrontier valid, double maxLoss) {
    double bound = valid.randomExpected(1).acc2() - maxLoss - 1e-12;
    for (int k = 0; k <= 100; k++) {
      double u = k / 100.0;
      if (valid.cascadeAtShare(u).acc2() >= bound) {
        return u;
      }
    }
    return 1.0;
  }
}
