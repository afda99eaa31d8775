package io.isacemu.core.cost;

import io.isacemu.core.modality.ModalitySet;
import io.isacemu.core.validation.Check;

/**
 * An expert {@code E_i} as the cost model sees it.
 *
 * @param name unique, non-blank, e.g. {@code T} or {@code V+A+T}
 * @param modalities {@code S_i}, the modalities it reads
 * @param headFlops FLOPs of its fusion/MLP head per sample, run at the MEC, ≥ 0
 */
public record ExpertSpec(String name, ModalitySet modalities, double headFlops) {

  public ExpertSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name: '" + name + "' must be non-blank");
    }
    Check.present("modalities", modalities);
    Check.nonNegative("headFlops", headFlops);
  }
}
