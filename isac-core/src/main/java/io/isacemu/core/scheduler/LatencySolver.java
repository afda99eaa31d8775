package io.isacemu.core.scheduler;

/**
 * Exact min-makespan solver: minimise {@code max_k min_o latency_o(b_k)} s.t. {@code Σ b_k ≤ U},
 * {@code b_k ≥ 1} integer.
 *
 * <p>T* is one of the candidate values {@code latency_o(b)}: the unit demand {@code G(T) = Σ_k
 * need_k(T)} is a step function that only changes at candidates, and T* is the least T with {@code
 * G(T) ≤ U}. The search keeps {@code lo ≤ T* ≤ hi} with both ends candidates and {@code hi}
 * feasible, and bisects the bit patterns of the (non-negative) doubles between them, so it needs at
 * most 64 rounds. After each probe it snaps: a feasible probe moves {@code hi} down to the makespan
 * actually achieved, an infeasible one moves {@code lo} up to the next candidate above the probe;
 * the loop ends when they meet, typically after ~log2(K·U) rounds of O(K) work each.
 */
final class LatencySolver {

  private final FlatProblem p;
  private final int[] optionNeed;

  LatencySolver(FlatProblem p) {
    this.p = p;
    this.optionNeed = new int[p.optionCount()];
  }

  /** Requires K ≤ U (checked by the caller). Returns T*. */
  double optimalMakespan() {
    int k = p.deviceCount;
    int u = p.units;
    // Every device gets at most U−K+1 units, so T* ≥ lo; the equal split ⌊U/K⌋ is feasible.
    double lo = 0;
    double hi = 0;
    for (int d = 0; d < k; d++) {
      lo = Math.max(lo, p.deviceLatency(d, u - k + 1));
      hi = Math.max(hi, p.deviceLatency(d, u / k));
    }
    while (lo < hi) {
      long loBits = Double.doubleToRawLongBits(lo);
      long hiBits = Double.doubleToRawLongBits(hi);
      double probe = Double.longBitsToDouble((loBits + hiBits) >>> 1); // in [lo, hi)
      long demand = computeNeeds(probe);
      if (demand <= u) {
        hi = achievedMakespan();
      } else {
        lo = nextCandidateAbove();
      }
    }
    return hi;
  }

  /** Fills {@link #optionNeed} for threshold t; returns G(t) = Σ_k min_o need_o(t). */
  private long computeNeeds(double t) {
    long sum = 0;
    for (int d = 0; d < p.deviceCount; d++) {
      int best = Integer.MAX_VALUE;
      for (int o = p.firstOption[d]; o < p.firstOption[d + 1]; o++) {
        int n = p.need(o, t);
        optionNeed[o] = n;
        best = Math.min(best, n);
      }
      sum += best;
    }
    return sum;
  }

  /** max_k ℓ_k(need_k) for the needs in {@link #optionNeed}: a feasible candidate ≤ the probe. */
  private double achievedMakespan() {
    double makespan = 0;
    for (int d = 0; d < p.deviceCount; d++) {
      int best = Integer.MAX_VALUE;
      for (int o = p.firstOption[d]; o < p.firstOption[d + 1]; o++) {
        best = Math.min(best, optionNeed[o]);
      }
      makespan = Math.max(makespan, p.deviceLatency(d, best));
    }
    return makespan;
  }

  /** Least candidate latency_o(b) above the last (infeasible) probe: min_o latency_o(need_o − 1). */
  private double nextCandidateAbove() {
    double next = Double.POSITIVE_INFINITY;
    for (int o = 0; o < optionNeed.length; o++) {
      if (optionNeed[o] >= 2) {
        next = Math.min(next, p.latency(o, optionNeed[o] - 1));
      }
    }
    return next;
  }

  /**
   * The fewest-units optimum for makespan {@code t}: b_k = need_k(t); per device the option with the
   * fewest units, then the lower energy, then list order.
   */
  Schedule.Feasible allocate(double t) {
    int[] option = new int[p.deviceCount];
    int[] units = new int[p.deviceCount];
    for (int d = 0; d < p.deviceCount; d++) {
      int bestO = -1;
      int bestN = Integer.MAX_VALUE;
      double bestE = Double.POSITIVE_INFINITY;
      for (int o = p.firstOption[d]; o < p.firstOption[d + 1]; o++) {
        int n = p.need(o, t);
        if (n > p.units) {
          continue;
        }
        double e = p.energy(o, n);
        if (n < bestN || (n == bestN && e < bestE)) {
          bestO = o;
          bestN = n;
          bestE = e;
        }
      }
      option[d] = bestO;
      units[d] = bestN;
    }
    return p.feasible(option, units, false);
  }
}
