package io.isacemu.learning.nn;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.validation.Check;

/**
 * Sizes of one per-modality encoder: 1×1 Conv1d {@code inputDim → width}, sinusoidal positions,
 * {@code layers} post-LN transformer encoder layers, masked mean pooling.
 *
 * @param modality the modality encoded
 * @param inputDim feature dimension per time step, ≥ 1
 * @param width model width {@code d}, ≥ 1, divisible by {@code heads}
 * @param layers encoder layers, ≥ 1
 * @param heads attention heads, ≥ 1
 * @param ffnHidden feed-forward hidden size, ≥ 1
 */
public record EncoderSpec(Modality modality, int inputDim, int width, int layers, int heads, int ffnHidden) {

  public EncoderSpec {
    Check.present("modality", modality);
    Check.positive("inputDim", inputDim);
    Check.positive("width", width);
    Check.positive("layers", layers);
    Check.positive("heads", heads);
    Check.positive("ffnHidden", ffnHidden);
    if (width % heads != 0) {
      throw new IllegalArgumentException("width: " + width + " is not divisible by heads " + heads);
    }
  }
}
