package io.isacemu.core.cost;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.validation.Check;

/**
 * Per-sample work of one modality's encoder, wherever it runs.
 *
 * @param modality the modality
 * @param encoderFlops FLOPs to encode one sample (feature extraction + encoder), ≥ 0
 * @param resultBits size of the encoder's output sent after local processing, bits, ≥ 0
 *     (e.g. a 120-float32 embedding = 3 840 bits)
 */
public record ModalityWorkload(Modality modality, double encoderFlops, double resultBits) {

  public ModalityWorkload {
    Check.present("modality", modality);
    Check.nonNegative("encoderFlops", encoderFlops);
    Check.nonNegative("resultBits", resultBits);
  }
}
