package io.isacemu.learning.nn;

import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.validation.Check;
import java.util.List;

/**
 * The gate: one small encoder per input modality, pooled vectors concatenated with an optional
 * dense feature vector (e.g. per-device SNR in dB and free resource units), one linear layer to
 * {@code experts} logits.
 *
 * @param inputs modalities the gate reads
 * @param encoders one encoder per input modality, canonical order
 * @param extraDim length of the dense feature vector, ≥ 0 (0 = none)
 * @param experts number of experts {@code N}, ≥ 1
 * @param dropout dropout probability in [0, 1) inside the encoders (training only)
 */
public record GateSpec(ModalitySet inputs, List<EncoderSpec> encoders, int extraDim, int experts, double dropout) {

  public GateSpec {
    Check.present("inputs", inputs);
    encoders = List.copyOf(encoders);
    Check.nonNegative("extraDim", extraDim);
    Check.positive("experts", experts);
    Check.inRange("dropout", dropout, 0, 0.999);
    if (!encoders.stream().map(EncoderSpec::modality).toList().equals(inputs.modalities())) {
      throw new IllegalArgumentException("encoders: do not match the gate inputs " + inputs);
    }
  }

  /** Input width of the final linear layer. */
  public int fusedWidth() {
    return encoders.stream().mapToInt(EncoderSpec::width).sum() + extraDim;
  }
}
