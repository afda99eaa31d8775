package io.isacemu.core.scheduler;

import java.util.List;

/**
 * Exhaustive reference: every b ∈ [1, U]^K with Σ b ≤ U and every option per device. Objective
 * sums are taken in device order, like the scheduler's reported objective.
 */
final class BruteForce {

  /** Best (objective, units) lexicographically; objective +∞ if infeasible. */
  record Best(double objective, int units) {}

  private BruteForce() {}

  static Best minLatency(SchedulingProblem p) {
    return search(p, false, Double.POSITIVE_INFINITY);
  }

  static Best minEnergy(SchedulingProblem p, double deadline) {
    return search(p, true, deadline);
  }

  private static Best search(SchedulingProblem p, boolean energy, double deadline) {
    Best[] best = {new Best(Double.POSITIVE_INFINITY, Integer.MAX_VALUE)};
    recurse(p, energy, deadline, 0, 0, 0.0, best);
    return best[0];
  }

  private static void recurse(
      SchedulingProblem p, boolean energy, double deadline, int k, int used, double acc, Best[] best) {
    List<DeviceDemand> devices = p.devices();
    if (k == devices.size()) {
      if (acc < best[0].objective() || (acc == best[0].objective() && used < best[0].units())) {
        best[0] = new Best(acc, used);
      }
      return;
    }
    DeviceDemand d = devices.get(k);
    int remainingDevices = devices.size() - k - 1;
    for (int b = 1; used + b + remainingDevices <= p.totalUnits(); b++) {
      double rate = d.rateBps(b, p.unitBandwidthHz());
      for (PathOption o : d.options()) {
        double lat = o.latencySeconds(rate);
        if (energy) {
          if (lat <= deadline) {
            recurse(p, true, deadline, k + 1, used + b, acc + o.energyJ(rate, d.txPowerW()), best);
          }
        } else {
          recurse(p, false, deadline, k + 1, used + b, Math.max(acc, lat), best);
        }
      }
    }
  }
}
