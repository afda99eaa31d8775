package io.isacemu.core.scheduler;

import io.isacemu.core.validation.Check;

/**
 * Exactly optimal integer bandwidth + binary offloading scheduler.
 *
 * <p>System model: U units of B_min Hz; every device of the problem contributes ({@code a_k = 1},
 * {@code b_k ≥ 1} integer), {@code Σ b_k ≤ U}; device k on path o with b units has rate {@code
 * b·B_min·η_k}, latency {@code fixedSeconds_o + bits_o/(b·B_min·η_k)} and energy {@code
 * fixedEnergyJ_o + P_k·bits_o/(b·B_min·η_k)} ({@link PathOption}).
 *
 * <ul>
 *   <li>{@link #minimizeLatency}: min over allocations of the makespan {@code max_k latency_k};
 *       among optimal allocations the one with the fewest units, {@code b_k = need_k(T*)}.
 *       O(K log(K·U)) typical, at most 64 passes of O(K). ({@link LatencySolver})
 *   <li>{@link #minimizeEnergy}: min {@code Σ_k energy_k} s.t. {@code latency_k ≤ D} for every
 *       device; ties to the fewest units. DP with min-plus convolutions of convex pieces, O(K·S log
 *       S), S = slack units. ({@link EnergySolver})
 * </ul>
 *
 * Both are exact (verified against an OR-Tools MILP and brute force in the tests), deterministic
 * (same input ⇒ same allocation; ties broken by device and option order), stateless and
 * thread-safe. Infeasible inputs give {@link Schedule.Infeasible} stating the shortfall.
 */
public final class OptimalScheduler {

  /** Min-makespan schedule (objective in s). */
  public Schedule minimizeLatency(SchedulingProblem problem) {
    Check.present("problem", problem);
    if (problem.devices().size() > problem.totalUnits()) {
      return tooFewUnits(problem);
    }
    FlatProblem p = new FlatProblem(problem);
    LatencySolver solver = new LatencySolver(p);
    return solver.allocate(solver.optimalMakespan());
  }

  /**
   * Min-total-energy schedule with every device's latency ≤ {@code deadlineSeconds} (objective in
   * J). Time O(K·S log S) and memory O(K·S) ints for the argmins, where S = U − Σ_k (fewest units
   * with which device k meets D) is the slack; S ≤ U, so keep K·U within memory.
   *
   * @param deadlineSeconds D, s, finite, &gt; 0
   */
  public Schedule minimizeEnergy(SchedulingProblem problem, double deadlineSeconds) {
    Check.present("problem", problem);
    Check.positive("deadlineSeconds", deadlineSeconds);
    if (problem.devices().size() > problem.totalUnits()) {
      return tooFewUnits(problem);
    }
    FlatProblem p = new FlatProblem(problem);
    int[] optionMin = new int[p.optionCount()];
    int[] deviceMin = new int[p.deviceCount];
    long needed = EnergySolver.unitsNeeded(p, deadlineSeconds, optionMin, deviceMin);
    if (needed > p.units) {
      // Same need() predicate as the min-latency search, so D < T* here.
      double best = new LatencySolver(p).optimalMakespan();
      String units = "meeting it needs " + needed + " units, has " + p.units;
      for (int d = 0; d < p.deviceCount; d++) {
        if (deviceMin[d] > p.units) {
          units = "device " + problem.devices().get(d).deviceId()
              + " cannot meet it even with all " + p.units + " units";
          break;
        }
      }
      return new Schedule.Infeasible(
          Schedule.Cause.DEADLINE_UNREACHABLE,
          "deadline " + deadlineSeconds + " s, fastest achievable makespan " + best
              + " s with all " + p.units + " units (" + units + ")",
          best - deadlineSeconds);
    }
    return new EnergySolver(p, optionMin, deviceMin, (int) (p.units - needed)).solve();
  }

  /** O(1): checked before any per-device work. */
  private static Schedule.Infeasible tooFewUnits(SchedulingProblem p) {
    int k = p.devices().size();
    return new Schedule.Infeasible(
        Schedule.Cause.TOO_FEW_UNITS,
        "needs " + k + " units (one per device), has " + p.totalUnits(),
        k - p.totalUnits());
  }
}
