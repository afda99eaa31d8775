package io.isacemu.learning.metrics;

import io.isacemu.core.cost.CostMetric;


import io.isacemu.learning.GateCostTable;
import io.isacemu.learning.GateExpertCost;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a gate routed a set of samples: the share {@code u_i} of samples sent to each expert and the
 * expected cost {@code Σ_i u_i C(E_i)} per cost component.
 *
 * @param usageShares per expert name the share of samples in [0, 1] (sums to 1 when samples &gt; 0)
 * @param expected expected latency (s), energy (J), bits and FLOPs per sample under those shares
 * @param expectedNormalisedCost {@code Σ_i u_i Ĉ_i (min–max normalised, see GateCostTable)} for the table's selector, in [0, 1]
 */
public record RoutingStats(Map<String, Double> usageShares, GateExpertCost expected, double expectedNormalisedCost) {

  public RoutingStats {
    usageShares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(usageShares));
  }

  /**
   * Statistics of the routing {@code choice[k] ∈ [0, experts.size())}.
   *
   * @throws IllegalArgumentException when a choice is out of range
   */
  public static RoutingStats of(int[] choice, List<String> experts, GateCostTable costs) {
    int n = experts.size();
    long[] counts = new long[n];
    for (int c : choice) {
      if (c < 0 || c >= n) {
        throw new IllegalArgumentException("choice: " + c + " outside [0, " + n + ")");
      }
      counts[c]++;
    }
    Map<String, Double> shares = new LinkedHashMap<>();
    double[] norm = costs.normalised(experts);
    double lat = 0;
    double en = 0;
    double bits = 0;
    double flops = 0;
    double normCost = 0;
    for (int i = 0; i < n; i++) {
      double u = choice.length == 0 ? 0 : counts[i] / (double) choice.length;
      shares.put(experts.get(i), u);
      GateExpertCost c = costs.of(experts.get(i));
      lat += u * c.get(CostMetric.LATENCY);
      en += u * c.get(CostMetric.ENERGY);
      bits += u * c.get(CostMetric.BITS);
      flops += u * c.get(CostMetric.FLOPS);
      normCost += u * norm[i];
    }
    return new RoutingStats(shares, new GateExpertCost(lat, en, bits, flops), normCost);
  }
}
