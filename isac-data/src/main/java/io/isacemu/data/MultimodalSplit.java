package io.isacemu.data;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import java.nio.FloatBuffer;
import java.util.Optional;
import java.util.Set;

/**
 * One split (train, valid or test) of a multimodal dataset.
 *
 * <p>Per modality the features are one contiguous float32 tensor of shape {@code [N, T, d_m]} in
 * row-major order (sample, then time step, then feature). Batches are views ({@link #slice}), never
 * per-sample copies.
 */
public interface MultimodalSplit {

  /** Number of samples {@code N}, ≥ 0. */
  int size();

  /**
   * Sequence length {@code T} (time steps per sample), ≥ 1. For aligned data (every modality has
   * the same {@code T}, the usual case and always true for the synthetic default) this is the
   * layout length of every modality; for unaligned data it is the largest per-modality length, and
   * {@link #sequenceLength(Modality)} gives each modality's layout.
   */
  int sequenceLength();

  /**
   * Sequence length {@code T_m} of modality {@code m}, ≥ 1: {@link #features(Modality)} holds
   * {@code size()·sequenceLength(m)·featureDim(m)} floats. Equals {@link #sequenceLength()} for
   * aligned data.
   *
   * @throws IllegalArgumentException naming the modality when this split does not carry it
   */
  default int sequenceLength(Modality m) {
    featureDim(m);
    return sequenceLength();
  }

  /**
   * Each modality's sequence length {@code T_m} (≥ 1) for the modalities in {@code ms}, e.g. the
   * ones a model uses; the value every per-modality architecture shape and FLOP count is built from.
   *
   * @throws IllegalArgumentException naming the modality when this split does not carry one of them
   */
  default java.util.Map<Modality, Integer> sequenceLengths(java.util.Collection<Modality> ms) {
    java.util.Map<Modality, Integer> out = new java.util.EnumMap<>(Modality.class);
    for (Modality m : ms) {
      out.put(m, sequenceLength(m));
    }
    return out;
  }

  /** Whether every modality has the same sequence length ({@code sequenceLength(m) == sequenceLength()}). */
  default boolean aligned() {
    for (Modality m : modalities()) {
      if (sequenceLength(m) != sequenceLength()) {
        return false;
      }
    }
    return true;
  }

  /** The modalities this split carries. */
  Set<Modality> modalities();

  /** Feature dimension {@code d_m} per time step of modality {@code m}, ≥ 1. */
  int featureDim(Modality m);

  /**
   * Read-only view of the features of modality {@code m}: {@code size()·sequenceLength(m)·featureDim(m)}
   * floats, row-major {@code [n][t][f]}, position 0 = first sample of this split.
   *
   * @throws IllegalArgumentException naming the modality when this split does not carry it
   */
  FloatBuffer features(Modality m);

  /** Sentiment label of sample {@code i}, in {@code [−3, 3]}. */
  float label(int i);

  /** Identifier of sample {@code i} (stable across services for the same dataset). */
  String id(int i);

  /**
   * The modalities that carry the evidence for sample {@code i}, when the dataset knows it (the
   * synthetic generator does; real data does not).
   */
  default Optional<ModalitySet> evidence(int i) {
    return Optional.empty();
  }

  /** A view of samples {@code [from, to)}; shares storage with this split. */
  MultimodalSplit slice(int from, int to);
}
