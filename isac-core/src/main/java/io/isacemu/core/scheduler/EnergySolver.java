package io.isacemu.core.scheduler;

import java.util.Arrays;

/**
 * Exact min-energy solver under a per-device deadline D: minimise {@code Σ_k energy_{o_k}(b_k)}
 * s.t. {@code latency_{o_k}(b_k) ≤ D}, {@code Σ b_k ≤ U}, {@code b_k ≥ 1} integer.
 *
 * <p>A device's best energy {@code f_k(b) = min_o energy_o(b)} is not convex (minimum of two convex
 * functions), so marginal-gain greedy is not exact. Instead a DP over devices with exact unit
 * totals: {@code F_k = min_o (g_{k,o} ⊕ F_{k−1})}, ⊕ the min-plus convolution, where {@code
 * g_{k,o}(b) = energy_o(b)} for {@code b ≥ need_o(D)} and +∞ below. Each {@code g_{k,o}} is convex
 * (P·bits/(b·B_min·η) is convex in b; the +∞ part is a prefix), so the matrix {@code F(i) + g(j − i)}
 * is Monge and its leftmost row minima are monotone: each convolution is a divide-and-conquer over
 * the monotone argmin, O(S log S) with S = U − Σ_k min_o need_o(D) the slack units. Indices are
 * shifted by the minimum units so all arrays have length S + 1. Total O(K·S·log S) time and O(K·S)
 * memory for the argmins used to reconstruct.
 *
 * <p>Ties: the smallest unit total wins (leaves most units free); then the leftmost argmin (earlier
 * devices get fewer units), then option list order. Exact up to floating-point rounding of the sums
 * (the Monge argument holds in exact arithmetic; rounding can only affect ulp-level ties).
 */
final class EnergySolver {

  private final FlatProblem p;
  private final int[] minUnits;
  private final int[] optionMinUnits;
  private final int slack;

  private double[] prev;
  private double[] g;
  private double[] hValue;
  private int[] hArg;

  /** Requires Σ_k min_o need_o(deadline) ≤ U (checked by the caller via {@link #unitsNeeded}). */
  EnergySolver(FlatProblem p, int[] optionMinUnits, int[] minUnits, int slack) {
    this.p = p;
    this.optionMinUnits = optionMinUnits;
    this.minUnits = minUnits;
    this.slack = slack;
  }

  /** need_o(D) per option (U+1 if the option cannot meet D) into optionMinUnits, min per device into minUnits; returns Σ. */
  static long unitsNeeded(FlatProblem p, double deadline, int[] optionMinUnits, int[] minUnits) {
    long sum = 0;
    for (int d = 0; d < p.deviceCount; d++) {
      int best = Integer.MAX_VALUE;
      for (int o = p.firstOption[d]; o < p.firstOption[d + 1]; o++) {
        optionMinUnits[o] = p.need(o, deadline);
        best = Math.min(best, optionMinUnits[o]);
      }
      minUnits[d] = best;
      sum += best;
    }
    return sum;
  }

  Schedule.Feasible solve() {
    int k = p.deviceCount;
    int len = slack + 1;
    // choiceUnits[d][s]: device d's extra units t (b = minUnits[d] + t) when devices 0..d use
    // Σ minUnits + s units; choiceOption[d][s]: its option.
    int[][] choiceUnits = new int[k][len];
    int[][] choiceOption = new int[k][len];
    prev = new double[len];
    double[] cur = new double[len];
    g = new double[len];
    hValue = new double[len];
    hArg = new int[len];

    for (int d = 0; d < k; d++) {
      Arrays.fill(cur, Double.POSITIVE_INFINITY);
      int[] cu = choiceUnits[d];
      int[] co = choiceOption[d];
      for (int o = p.firstOption[d]; o < p.firstOption[d + 1]; o++) {
        if (optionMinUnits[o] > p.units) {
          continue;
        }
        int t0 = optionMinUnits[o] - minUnits[d];
        if (t0 > slack) {
          continue;
        }
        for (int t = t0; t < len; t++) {
          g[t] = p.energy(o, minUnits[d] + t);
        }
        if (d == 0) {
          // F_{-1} is 0 at exactly 0 units: device 0 takes all s units.
          for (int s = t0; s < len; s++) {
            if (g[s] < cur[s]) {
              cur[s] = g[s];
              cu[s] = s;
              co[s] = o;
            }
          }
        } else {
          convolve(t0, t0, slack, 0, slack);
          for (int s = t0; s < len; s++) {
            if (hValue[s] < cur[s]) {
              cur[s] = hValue[s];
              cu[s] = s - hArg[s];
              co[s] = o;
            }
          }
        }
      }
      double[] swap = prev;
      prev = cur;
      cur = swap;
    }

    // Fewest total units among the minima.
    int bestS = 0;
    for (int s = 1; s < len; s++) {
      if (prev[s] < prev[bestS]) {
        bestS = s;
      }
    }
    int[] option = new int[k];
    int[] units = new int[k];
    int s = bestS;
    for (int d = k - 1; d >= 0; d--) {
      int t = choiceUnits[d][s];
      option[d] = choiceOption[d][s];
      units[d] = minUnits[d] + t;
      s -= t;
    }
    return p.feasible(option, units, true);
  }

  /**
   * Rows s in [sLo, sHi] of h(s) = min_{i ≤ s − t0} prev[i] + g[s − i], knowing the leftmost argmin
   * lies in [iLo, iHi] (monotone argmin of a Monge matrix).
   */
  private void convolve(int t0, int sLo, int sHi, int iLo, int iHi) {
    if (sLo > sHi) {
      return;
    }
    int s = (sLo + sHi) >>> 1;
    int last = Math.min(iHi, s - t0);
    double best = Double.POSITIVE_INFINITY;
    int arg = iLo;
    for (int i = iLo; i <= last; i++) {
      double v = prev[i] + g[s - i];
      if (v < best) {
        best = v;
        arg = i;
      }
    }
    hValue[s] = best;
    hArg[s] = arg;
    convolve(t0, sLo, s - 1, iLo, arg);
    convolve(t0, s + 1, sHi, arg, iHi);
  }
}
