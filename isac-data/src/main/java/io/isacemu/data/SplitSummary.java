package io.isacemu.data;

import io.isacemu.core.modality.Modality;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One split without its features: per modality the layout and feature digest, every label and id
 * in split order. What the BS needs of a dataset.
 *
 * @param features per carried modality (at least one)
 * @param labels one finite label per sample
 * @param ids one id per sample
 */
public record SplitSummary(Map<Modality, FeatureSummary> features, List<Float> labels, List<String> ids) {

  public SplitSummary {
    if (features == null || features.isEmpty()) {
      throw new IllegalArgumentException("features: at least one modality is required (found " + features + ")");
    }
    features = Collections.unmodifiableMap(new EnumMap<>(features));
    if (labels == null || ids == null) {
      throw new IllegalArgumentException("labels, ids: are required (labels " + labels + ", ids " + ids + ")");
    }
    if (labels.size() != ids.size()) {
      throw new IllegalArgumentException(
          "labels: shape mismatch, " + labels.size() + " found, expected " + ids.size() + " (one per id)");
    }
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i) == null || !Float.isFinite(labels.get(i))) {
        throw new IllegalArgumentException("labels[" + i + "]: " + labels.get(i) + " must be a finite number");
      }
      if (ids.get(i) == null) {
        throw new IllegalArgumentException("ids[" + i + "]: is required (was null)");
      }
    }
    labels = List.copyOf(labels);
    ids = List.copyOf(ids);
  }

  /** The summary of {@code split}, digesting its features. */
  public static SplitSummary of(MultimodalSplit split) {
    Map<Modality, FeatureSummary> f = new EnumMap<>(Modality.class);
    for (Modality m : split.modalities()) {
      f.put(m, FeatureSummary.of(split, m));
    }
    List<Float> labels = new ArrayList<>(split.size());
    List<String> ids = new ArrayList<>(split.size());
    for (int i = 0; i < split.size(); i++) {
      labels.add(split.label(i));
      ids.add(split.id(i));
    }
    return new SplitSummary(f, labels, ids);
  }

  /** Number of samples. */
  public int size() {
    return ids.size();
  }

  /** The largest per-modality sequence length (as {@link MultimodalSplit#sequenceLength()}). */
  public int sequenceLength() {
    return features.values().stream().mapToInt(FeatureSummary::sequenceLength).max().orElseThrow();
  }
}
