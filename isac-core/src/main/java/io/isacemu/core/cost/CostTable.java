package io.isacemu.core.cost;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code C(E_i)} for every expert, in expert order: the table the gate's resource-aware loss reads.
 *
 * @param costs expert name → its cost, in the experts' declared order; non-empty
 */
public record CostTable(Map<String, ExpertCost> costs) {

  public CostTable {
    if (costs == null || costs.isEmpty()) {
      throw new IllegalArgumentException("costs: a cost table needs at least one expert");
    }
    costs = Collections.unmodifiableMap(new LinkedHashMap<>(costs));
  }

  /** Builds a table from costs in order. */
  public static CostTable of(List<ExpertCost> costs) {
    Map<String, ExpertCost> m = new LinkedHashMap<>();
    for (ExpertCost c : costs) {
      if (m.put(c.expert(), c) != null) {
        throw new IllegalArgumentException("costs: duplicate expert " + c.expert());
      }
    }
    return new CostTable(m);
  }

  /** Expert names in order. */
  public List<String> experts() {
    return new ArrayList<>(costs.keySet());
  }

  /** Raw values of {@code metric} in expert order. */
  public double[] values(CostMetric metric) {
    return costs.values().stream().mapToDouble(c -> c.value(metric)).toArray();
  }

  /**
   * Values of {@code metric} rescaled to {@code [0, 1]} by {@link #minMax}: the cheapest expert costs
   * 0 and the dearest 1, so λ is comparable across metrics and a cost all experts share (the sensing
   * window) does not dilute the spread.
   */
  public double[] normalized(CostMetric metric) {
    return minMax(values(metric));
  }

  /** {@code (v_i − min) / (max − min)}; all zeros when every value is equal. */
  public static double[] minMax(double[] v) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    double[] out = new double[v.length];
    if (max > min) {
      for (int i = 0; i < v.length; i++) {
        out[i] = (v[i] - min) / (max - min);
      }
    }
    return out;
  }
}
