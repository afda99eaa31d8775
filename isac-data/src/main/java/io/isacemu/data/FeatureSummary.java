package io.isacemu.data;

import io.isacemu.core.modality.Modality;
import java.util.HexFormat;

/**
 * One modality of a split without its features: layout and digest.
 *
 * @param sequenceLength time steps {@code T_m}, ≥ 1
 * @param featureDim features per step {@code d_m}, ≥ 1
 * @param sha256 lowercase hex feature digest ({@link FeatureDigest}), 64 characters
 */
public record FeatureSummary(int sequenceLength, int featureDim, String sha256) {

  public FeatureSummary {
    if (sequenceLength < 1) {
      throw new IllegalArgumentException("sequenceLength: " + sequenceLength + " must be >= 1");
    }
    if (featureDim < 1) {
      throw new IllegalArgumentException("featureDim: " + featureDim + " must be >= 1");
    }
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256: '" + sha256 + "' must be 64 lowercase hex digits");
    }
  }

  /** The summary of modality {@code m} of {@code split}, digesting its features. */
  public static FeatureSummary of(MultimodalSplit split, Modality m) {
    int t = split.sequenceLength(m);
    int d = split.featureDim(m);
    byte[] digest = FeatureDigest.of(split.features(m), split.size(), (long) t * d);
    return new FeatureSummary(t, d, HexFormat.of().formatHex(digest));
  }
}
