package io.isacemu.data.pickle;

import io.isacemu.core.modality.Modality;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Options of {@link PickleDatasetReader}.
 *
 * @param dropAllZeroText drop samples whose text features are all zero (as MultiBench's loader
 *     does); counted in {@link io.isacemu.data.LoadReport#droppedAllZeroText()}
 * @param expectedFeatureDims when present, every split's feature dimension per modality must equal
 *     these (e.g. {@link #MOSEI_DIMS}); otherwise any dimension ≥ 1 is accepted as long as it is the
 *     same in every split
 * @param clipLabels clip labels outside the sentiment range [−3, 3] to it, counted in {@link
 *     io.isacemu.data.LoadReport#clippedLabels()}; when off (the default) such a label refuses the file
 * @param expectedLayout when present, the file's layout (detected from its keys) must be this one;
 *     otherwise either layout is read
 */
public record ReadOptions(boolean dropAllZeroText, Optional<Map<Modality, Integer>> expectedFeatureDims,
    boolean clipLabels, Optional<PickleDatasetReader.Layout> expectedLayout) {

  /** CMU-MOSEI as distributed by MultiBench/MulT: video 35, audio 74, text 300. */
  public static final Map<Modality, Integer> MOSEI_DIMS =
      Map.of(Modality.VIDEO, 35, Modality.AUDIO, 74, Modality.TEXT, 300);

  public ReadOptions {
    if (expectedFeatureDims == null) {
      throw new IllegalArgumentException("expectedFeatureDims: is required (use Optional.empty())");
    }
    if (expectedLayout == null) {
      throw new IllegalArgumentException("expectedLayout: is required (use Optional.empty())");
    }
    expectedFeatureDims = expectedFeatureDims.map(m -> Map.copyOf(new EnumMap<>(m)));
    expectedFeatureDims.ifPresent(
        m ->
            m.forEach(
                (k, v) -> {
                  if (v < 1) {
                    throw new IllegalArgumentException(
                        "expectedFeatureDims[" + k + "]: " + v + " must be >= 1");
                  }
                }));
  }

  /** Keep every sample, accept any feature dimensions. */
  public static ReadOptions defaults() {
    return new ReadOptions(false, Optional.empty(), false, Optional.empty());
  }

  /** These options with dropping of all-zero-text samples switched on or off. */
  public ReadOptions withDropAllZeroText(boolean drop) {
    return new ReadOptions(drop, expectedFeatureDims, clipLabels, expectedLayout);
  }

  /** These options requiring the given feature dimensions. */
  public ReadOptions withExpectedFeatureDims(Map<Modality, Integer> dims) {
    return new ReadOptions(dropAllZeroText, Optional.of(dims), clipLabels, expectedLayout);
  }

  /** These options clipping out-of-range labels to [−3, 3] (on) or refusing them (off). */
  public ReadOptions withClipLabels(boolean clip) {
    return new ReadOptions(dropAllZeroText, expectedFeatureDims, clip, expectedLayout);
  }

  /** These options requiring the file to have {@code layout} (a file of the other layout is refused). */
  public ReadOptions withExpectedLayout(PickleDatasetReader.Layout layout) {
    return new ReadOptions(dropAllZeroText, expectedFeatureDims, clipLabels, Optional.of(layout));
  }
}
