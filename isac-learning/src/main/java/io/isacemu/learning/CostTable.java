package io.isacemu.learning;

import io.isacemu.core.validation.Check;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The costs {@code C(E_i)} of the experts and the component the gate is trained against.
 *
 * <p>The loss uses {@code C(E_i) / max_j C(E_j)} (normalised to {@code [0, 1]} by the maximum over
 * the declared experts), so {@code λ} is unit-free. All-zero costs normalise to all zeros.
 *
 * @param costs per expert name (canonical {@link io.isacemu.core.modality.ModalitySet#name()}, e.g.
 *     {@code V+A+T}) its cost
 * @param selector the cost component that enters the loss
 */
public record CostTable(Map<String, ExpertCost> costs, CostMetric selector) {

  public CostTable {
    Check.present("costs", costs);
    Check.present("selector", selector);
    costs = Map.copyOf(new TreeMap<>(costs));
  }

  /** The cost of expert {@code name}. */
  public ExpertCost of(String name) {
    ExpertCost c = costs.get(name);
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

  /** Selected costs for the given experts divided by their maximum, each in {@code [0, 1]}. */
  public double[] normalised(List<String> expertNames) {
    double[] raw = raw(expertNames);
    double max = 0;
    for (double r : raw) {
      max = Math.max(max, r);
    }
    double[] out = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = max > 0 ? raw[i] / max : 0;
    }
    return out;
  }
}
