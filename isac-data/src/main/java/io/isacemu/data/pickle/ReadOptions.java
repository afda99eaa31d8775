package io.isacemu.data.pickle;

import io.isacemu.core.modality.Modality;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
 * @param splitKeys the file's top-level key of each split role ({@code train}, {@code valid}, {@code
 *     test}); a role not named keeps its own name as key (MultiBench and MMSA both use these names)
 */
public record ReadOptions(boolean dropAllZeroText, Optional<Map<Modality, Integer>> expectedFeatureDims,
    boolean clipLabels, Optional<PickleDatasetReader.Layout> expectedLayout, Map<String, String> splitKeys) {

  /** The split roles, in reading order. */
  public static final List<String> SPLIT_ROLES = List.of("train", "valid", "test");

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
    splitKeys = splitKeys(splitKeys);
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
    return new ReadOptions(false, Optional.empty(), false, Optional.empty(), Map.of());
  }

  /** These options with dropping of all-zero-text samples switched on or off. */
  public ReadOptions withDropAllZeroText(boolean drop) {
    return new ReadOptions(drop, expectedFeatureDims, clipLabels, expectedLayout, splitKeys);
  }

  /** These options requiring the given feature dimensions. */
  public ReadOptions withExpectedFeatureDims(Map<Modality, Integer> dims) {
    return new ReadOptions(dropAllZeroText, Optional.of(dims), clipLabels, expectedLayout, splitKeys);
  }

  /** These options clipping out-of-range labels to [−3, 3] (on) or refusing them (off). */
  public ReadOptions withClipLabels(boolean clip) {
    return new ReadOptions(dropAllZeroText, expectedFeatureDims, clip, expectedLayout, splitKeys);
  }

  /** These options requiring the file to have {@code layout} (a file of the other layout is refused). */
  public ReadOptions withExpectedLayout(PickleDatasetReader.Layout layout) {
    return new ReadOptions(dropAllZeroText, expectedFeatureDims, clipLabels, Optional.of(layout), splitKeys);
  }

  /** These options reading split role {@code role} from top-level key {@code key} (e.g. valid from {@code dev}). */
  public ReadOptions withSplitKeys(Map<String, String> keys) {
    return new ReadOptions(dropAllZeroText, expectedFeatureDims, clipLabels, expectedLayout, keys);
  }

  /** The top-level key split role {@code role} is read from. */
  public String splitKey(String role) {
    return splitKeys.getOrDefault(role, role);
  }

  /** Every role named, distinct keys; the roles not named dropped from the map (they keep their name). */
  private static Map<String, String> splitKeys(Map<String, String> keys) {
    if (keys == null) {
      return Map.of();
    }
    Map<String, String> out = new TreeMap<>();
    keys.forEach((role, key) -> {
      if (!SPLIT_ROLES.contains(role)) {
        throw new IllegalArgumentException("splits." + role + ": '" + role + "' is no split (expected train, valid or test)");
      }
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("splits." + role + ": '' must name the file's top-level key");
      }
      out.put(role, key.strip());
    });
    for (String role : SPLIT_ROLES) {
      String key = out.getOrDefault(role, role);
      for (String other : SPLIT_ROLES) {
        if (!other.equals(role) && out.getOrDefault(other, other).equals(key)) {
          throw new IllegalArgumentException("splits." + role + ": '" + key + "' is also the key of split " + other);
        }
      }
    }
    out.entrySet().removeIf(e -> e.getKey().equals(e.getValue()));
    return Map.copyOf(out);
  }
}
