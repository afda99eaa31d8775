package io.isacemu.learning;

import io.isacemu.data.MultimodalSplit;

/**
 * The dense feature vector fed to an {@code ON_DEMAND} gate for one sample, e.g. per device the SNR
 * in dB and the free resource units at the time the sample is routed. Its length must equal {@link
 * LearningConfig#networkStateDim()}.
 */
@FunctionalInterface
public interface GateFeatures {

  /** Features of sample {@code sample} of {@code split}; finite values. */
  float[] of(MultimodalSplit split, int sample);

  /** No features (length 0). */
  static GateFeatures none() {
    return (split, sample) -> new float[0];
  }
}
