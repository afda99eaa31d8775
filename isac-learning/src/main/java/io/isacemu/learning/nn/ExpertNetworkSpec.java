package io.isacemu.learning.nn;

import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.validation.Check;
import java.util.List;

/**
 * A late-fusion expert {@code E_i} over modality set {@code S_i}: one encoder per modality, pooled
 * vectors concatenated, MLP {@code (Σ width, hidden..., 1)} with ReLU between layers.
 *
 * <p>The network's architecture, not the core's {@link io.isacemu.core.cost.ExpertSpec} (name,
 * modalities and head FLOPs, what the cost model prices); {@link io.isacemu.learning.SystemCosts}
 * derives the latter from this one.
 *
 * @param modalities the set {@code S_i}
 * @param encoders one encoder per modality of {@code S_i}, in canonical order
 * @param mlpHidden hidden layer sizes, each ≥ 1 (may be empty: a linear head)
 * @param dropout dropout probability in [0, 1) inside the encoders (training only)
 */
public record ExpertNetworkSpec(ModalitySet modalities, List<EncoderSpec> encoders, List<Integer> mlpHidden, double dropout) {

  public ExpertNetworkSpec {
    Check.present("modalities", modalities);
    encoders = List.copyOf(encoders);
    mlpHidden = List.copyOf(mlpHidden);
    Check.inRange("dropout", dropout, 0, 0.999);
    if (!encoders.stream().map(EncoderSpec::modality).toList().equals(modalities.modalities())) {
      throw new IllegalArgumentException(
          "encoders: modalities " + encoders.stream().map(EncoderSpec::modality).toList()
              + " do not match the expert's set " + modalities);
    }
  }

  /** Canonical expert name, e.g. {@code V+A+T}. */
  public String name() {
    return modalities.name();
  }

  /** Width of the concatenated pooled vector, the MLP's input size. */
  public int fusedWidth() {
    return encoders.stream().mapToInt(EncoderSpec::width).sum();
  }
}
