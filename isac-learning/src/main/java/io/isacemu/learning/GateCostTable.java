package io.isacemu.learning;

import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.cost.CostTable;
import io.isacemu.core.validation.Check;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The costs {@code C(E_i)} of the experts and the component the gate is trained against.
 *
 * <p>Unlike the core's {@link CostTable} (one frame's breakdowns, in expert
 * order) it holds {@link GateExpertCost} totals keyed by name and fixes the selected {@link
 * CostMetric}, which is what the gate's loss and a bundle need.
 *
 * <p>The loss uses {@code Ĉ_i = (C(E_i) − min_j C(E_j)) / (max_j C(E_j) − min_j C(E_j))} (min–max over
 * the declared experts), so {@code λ} is unit-free. All-zero costs normalise to all zeros.
 *
 * @param costs per expert name (canonical {@link io.isacemu.core.modality.ModalitySet#name()}, e.g.
 *     {@code V+A+T}) its cost
 * @param selector the cost component that enters the loss
 */
public record GateCostTable(Map<String, GateExpertCost> costs, CostMetric selector) {

  public GateCostTable {
    Check.present("costs", costs);
    Check.present("selector", selector);
    costs = Map.copyOf(new TreeMap<>(costs));
  }

  /** The cost of expert {@code name}. */
  public GateExpertCost of(String name) {
    GateExpertCost c = costs.get(name);
    if (c == null) {
      throw new IllegalArgumentException(
          "costs: no entry for expert '" + name + "' (known: " + costs.keySet() + ")");
    }
    return c;
  }

  /** Raw selected costs for the given experts, in the selector's unit. */
  public double[] raw(List<String> expertNames) {
    double[] out = new double[expertNames.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = of(expertNames.get(i)).get(selector);
    }
    return out;
  }

  /**
   * Selected costs for the given experts rescaled to {@code [0, 1]}: {@code (C_i − min_j C_j) /
   * (max_j C_j − min_j C_j)}, so the cheapest expert costs 0 and the dearest 1 (all 0 when equal).
   * Min–max rather than divide-by-max because a cost every expert pays alike (the shared sensing
   * window dominates latency) cannot change the gate's choice and would only shrink the spread λ
   * acts on.
   */
  public double[] normalised(List<String> expertNames) {
    return CostTable.minMax(raw(expertNames));
  }
}
