package io.isacemu.core.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * Struct-of-arrays view of a {@link SchedulingProblem} for the solvers' inner loops. Latency and
 * energy are computed with exactly the floating-point expressions of {@link PathOption} and {@link
 * DeviceDemand#rateBps}, so every comparison the solvers make agrees bit for bit with the values
 * reported in the {@link DeviceAllocation}s.
 */
final class FlatProblem {

  final SchedulingProblem problem;
  final int deviceCount;
  final int units;
  /** Options of device k are {@code firstOption[k] .. firstOption[k+1]-1}. */
  final int[] firstOption;
  final double[] fixedSeconds;
  final double[] bits;
  final double[] fixedEnergyJ;
  /** B_min·η of the option's device, bit/s per unit, for a linear rate; NaN for a power-limited one. */
  final double[] unitRateBps;
  /** The option's device rate model (all rates go through it). */
  final UplinkRate[] rate;
  private final double unitBandwidthHz;
  final double[] txPowerW;
  /** latency with 1 unit and with U units (precomputed bounds for {@link #need}). */
  private final double[] latencyOneUnit;
  private final double[] latencyAllUnits;

  FlatProblem(SchedulingProblem problem) {
    this.problem = problem;
    List<DeviceDemand> devices = problem.devices();
    this.deviceCount = devices.size();
    this.units = problem.totalUnits();
    int n = devices.stream().mapToInt(d -> d.options().size()).sum();
    firstOption = new int[deviceCount + 1];
    fixedSeconds = new double[n];
    bits = new double[n];
    fixedEnergyJ = new double[n];
    unitRateBps = new double[n];
    rate = new UplinkRate[n];
    unitBandwidthHz = problem.unitBandwidthHz();
    txPowerW = new double[n];
    latencyOneUnit = new double[n];
    latencyAllUnits = new double[n];
    int o = 0;
    for (int k = 0; k < deviceCount; k++) {
      DeviceDemand d = devices.get(k);
      firstOption[k] = o;
      for (PathOption p : d.options()) {
        fixedSeconds[o] = p.fixedSeconds();
        bits[o] = p.bits();
        fixedEnergyJ[o] = p.fixedEnergyJ();
        rate[o] = d.uplink();
        unitRateBps[o] = d.uplink() instanceof UplinkRate.Linear lin
            ? problem.unitBandwidthHz() * lin.spectralEfficiencyBitsPerHz()
            : Double.NaN;
        txPowerW[o] = d.txPowerW();
        latencyOneUnit[o] = latency(o, 1);
        latencyAllUnits[o] = latency(o, units);
        o++;
      }
    }
    firstOption[deviceCount] = o;
  }

  int optionCount() {
    return firstOption[deviceCount];
  }

  /** latency_o(b) = fixed + bits / R(b), s — the expression of {@link PathOption#latencySeconds}. */
  double latency(int o, int b) {
    return fixedSeconds[o] + bits[o] / rate[o].rateBps(b, unitBandwidthHz);
  }

  /** energy_o(b) = fixedEnergy + P·bits / R(b), J — the expression of {@link PathOption#energyJ}. */
  double energy(int o, int b) {
    return fixedEnergyJ[o] + txPowerW[o] * (bits[o] / rate[o].rateBps(b, unitBandwidthHz));
  }

  /** min over the device's options of latency_o(b), s. */
  double deviceLatency(int k, int b) {
    double best = Double.POSITIVE_INFINITY;
    for (int o = firstOption[k]; o < firstOption[k + 1]; o++) {
      best = Math.min(best, latency(o, b));
    }
    return best;
  }

  /**
   * need_o(T): the least b in [1, U] with {@code latency(o, b) ≤ T}, or U + 1 if none. The closed
   * form {@code ⌈bits / (B_min·η·(T − fixed))⌉} only seeds the search; the answer is always
   * confirmed with {@link #latency}, so it is exact for the floating-point latency function (which
   * is monotone in b), even where the closed form suffers cancellation.
   */
  int need(int o, double t) {
    if (latencyOneUnit[o] <= t) {
      return 1;
    }
    if (latencyAllUnits[o] > t) {
      return units + 1;
    }
    // Invariant: latency(lo) > t >= latency(hi).
    int lo = 1;
    int hi = units;
    double slack = t - fixedSeconds[o];
    if (slack > 0 && !Double.isNaN(unitRateBps[o])) { // closed-form seed for linear rates only
      double estimate = Math.ceil(bits[o] / (unitRateBps[o] * slack));
      int b = estimate >= hi ? hi : estimate <= lo + 1 ? lo + 1 : (int) estimate;
      if (latency(o, b) <= t) {
        if (b - 1 == lo || latency(o, b - 1) > t) {
          return b;
        }
        hi = b - 1;
      } else {
        if (latency(o, b + 1) <= t) {
          return b + 1;
        }
        lo = b + 1;
      }
    }
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (latency(o, mid) <= t) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /** Allocation record for option o with b units. */
  DeviceAllocation allocation(int k, int o, int b) {
    DeviceDemand d = problem.devices().get(k);
    PathOption p = d.options().get(o - firstOption[k]);
    double rate = d.rateBps(b, problem.unitBandwidthHz());
    return new DeviceAllocation(
        d.deviceId(), b, p.mode(), rate, p.latencySeconds(rate), p.energyJ(rate, d.txPowerW()));
  }

  /** Feasible schedule from per-device (option, units), objective supplied by the caller. */
  Schedule.Feasible feasible(int[] option, int[] unitsPerDevice, boolean energyObjective) {
    List<DeviceAllocation> list = new ArrayList<>(deviceCount);
    int used = 0;
    double makespan = 0;
    double energy = 0;
    for (int k = 0; k < deviceCount; k++) {
      DeviceAllocation a = allocation(k, option[k], unitsPerDevice[k]);
      list.add(a);
      used += a.units();
      makespan = Math.max(makespan, a.latencySeconds());
      energy += a.energyJ();
    }
    return new Schedule.Feasible(list, energyObjective ? energy : makespan, used, units - used);
  }
}
