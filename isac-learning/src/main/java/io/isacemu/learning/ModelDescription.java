package io.isacemu.learning;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.validation.Check;
import io.isacemu.learning.nn.ExpertNetworkSpec;
import io.isacemu.learning.nn.GateSpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to rebuild a gated model's architecture (and to interpret its outputs).
 *
 * @param preset architecture sizes
 * @param experts expert modality sets in gate-output order
 * @param gateInputs modalities the gate reads
 * @param networkStateDim length of the gate's dense feature vector, ≥ 0
 * @param featureDims feature dimension per modality used, each ≥ 1
 * @param sequenceLengths time steps {@code T_m ≥ 1} per modality used, same keys as {@code
 *     featureDims} (unaligned data, e.g. MMSA's text 50 / audio 500 / vision 375, has one per
 *     modality; aligned data has the same {@code T} everywhere)
 * @param taskLoss the task term the model was trained with (BCE ⇒ outputs are logits)
 * @param lambda the cost weight {@code λ ≥ 0} of stage II
 * @param costs the expert costs used in the loss (restricted to the declared experts)
 */
public record ModelDescription(
    ArchitecturePreset preset,
    List<ModalitySet> experts,
    ModalitySet gateInputs,
    int networkStateDim,
    Map<Modality, Integer> featureDims,
    Map<Modality, Integer> sequenceLengths,
    TaskLoss taskLoss,
    double lambda,
    GateCostTable costs,
    List<ModalitySet> routable) {

  /** A description whose gate may route to every expert. */
  public ModelDescription(
      ArchitecturePreset preset, List<ModalitySet> experts, ModalitySet gateInputs, int networkStateDim,
      Map<Modality, Integer> featureDims, Map<Modality, Integer> sequenceLengths, TaskLoss taskLoss, double lambda,
      GateCostTable costs) {
    this(preset, experts, gateInputs, networkStateDim, featureDims, sequenceLengths, taskLoss, lambda, costs, experts);
  }

  public ModelDescription {
    Check.present("preset", preset);
    Check.present("gateInputs", gateInputs);
    Check.present("taskLoss", taskLoss);
    Check.present("costs", costs);
    experts = List.copyOf(experts);
    if (experts.isEmpty()) {
      throw new IllegalArgumentException("experts: [] is empty");
    }
    Check.nonNegative("networkStateDim", networkStateDim);
    featureDims = Map.copyOf(new EnumMap<>(featureDims));
    sequenceLengths = Map.copyOf(new EnumMap<>(Check.present("sequenceLengths", sequenceLengths)));
    if (!sequenceLengths.keySet().equals(featureDims.keySet())) {
      throw new IllegalArgumentException("sequenceLengths: modalities " + new EnumMap<>(sequenceLengths).keySet()
          + " != featureDims' " + new EnumMap<>(featureDims).keySet());
    }
    for (var e : sequenceLengths.entrySet()) {
      Check.positive("sequenceLengths[" + e.getKey() + "]", e.getValue());
    }
    Check.nonNegative("lambda", lambda);
    // keep only the declared experts' costs: the description is what a bundle round-trips
    Map<String, GateExpertCost> used = new java.util.TreeMap<>();
    for (ModalitySet s : experts) {
      used.put(s.name(), costs.of(s.name()));
    }
    costs = new GateCostTable(used, costs.selector());
    routable = List.copyOf(Check.present("routable", routable));
    if (routable.isEmpty()) {
      throw new IllegalArgumentException("routable: [] — the gate needs at least one expert to route to");
    }
    for (ModalitySet r : routable) {
      if (!experts.contains(r)) {
        throw new IllegalArgumentException("routable: " + r + " is not one of experts " + experts);
      }
    }
  }

  /** Whether the gate may pick expert {@code i} (experts outside the routable set serve fixed modes only). */
  public boolean routable(int i) {
    return routable.contains(experts.get(i));
  }

  /** Whether some expert is excluded from routing. */
  public boolean masked() {
    return routable.size() < experts.size();
  }

  /** Additive logit mask: 0 for routable experts, −1e9 for the others (softmax weight 0). */
  public float[] logitMask() {
    float[] m = new float[experts.size()];
    for (int i = 0; i < m.length; i++) {
      m[i] = routable(i) ? 0f : -1e9f;
    }
    return m;
  }

  /** Expert names in gate-output order. */
  public List<String> expertNames() {
    return experts.stream().map(ModalitySet::name).toList();
  }

  /**
   * {@code T_m} of modality {@code m}.
   *
   * @throws IllegalArgumentException naming {@code m} when the model does not use it
   */
  public int sequenceLength(Modality m) {
    Integer t = sequenceLengths.get(m);
    if (t == null) {
      throw new IllegalArgumentException("modality: " + m + " is not in the model's sequence lengths "
          + new EnumMap<>(sequenceLengths));
    }
    return t;
  }

  /** Sizes of expert {@code i}. */
  public ExpertNetworkSpec expertSpec(int i) {
    return preset.expert(experts.get(i), featureDims);
  }

  /** Sizes of the gate. */
  public GateSpec gateSpec() {
    return preset.gate(gateInputs, featureDims, networkStateDim, experts.size());
  }
}
