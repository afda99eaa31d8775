package io.isacemu.bs.dataset;

import io.isacemu.core.modality.Modality;
import io.isacemu.data.DatasetSummary;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.data.SplitSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the BS knows of the dataset the devices serve: the test split's sample ids and labels, the
 * feature dimension {@code d_m} and sequence length {@code T_m} per modality (unaligned data: each
 * modality its own) and the fingerprint. The features themselves
 * stay on the devices: the BS reads a pickle labels-only ({@link DatasetSummary}), never holding them.
 */
public final class DatasetCatalog {

  private final String name;
  private final String fingerprint;
  private final Map<Modality, Integer> sequenceLengths;
  private final Map<Modality, Integer> featureDims;
  private final List<String> testIds;
  private final Map<String, Float> labels;

  private DatasetCatalog(
      String name, String fingerprint, Map<Modality, Integer> sequenceLengths, Map<Modality, Integer> featureDims,
      List<String> testIds, Map<String, Float> labels) {
    this.name = name;
    this.fingerprint = fingerprint;
    this.sequenceLengths = Collections.unmodifiableMap(sequenceLengths);
    this.featureDims = Collections.unmodifiableMap(featureDims);
    this.testIds = List.copyOf(testIds);
    this.labels = Map.copyOf(labels);
  }

  /** The catalog of {@code dataset}'s test split. */
  public static DatasetCatalog of(MultimodalDataset dataset) {
    MultimodalSplit test = dataset.test();
    Map<Modality, Integer> dims = new EnumMap<>(Modality.class);
    for (Modality m : test.modalities()) {
      dims.put(m, test.featureDim(m));
    }
    Map<Modality, Integer> steps = test.sequenceLengths(test.modalities());
    List<String> ids = new ArrayList<>(test.size());
    Map<String, Float> labels = new HashMap<>();
    for (int i = 0; i < test.size(); i++) {
      ids.add(test.id(i));
      labels.put(test.id(i), test.label(i));
    }
    return new DatasetCatalog(dataset.name(), dataset.fingerprint(), steps, dims, ids, labels);
  }

  /**
   * The catalog of a labels-only read's test split ({@link DatasetSummary}: the features were never
   * held); equal to {@link #of(MultimodalDataset)} of the full read.
   */
  public static DatasetCatalog of(DatasetSummary dataset) {
    SplitSummary test = dataset.test();
    Map<Modality, Integer> dims = new EnumMap<>(Modality.class);
    Map<Modality, Integer> steps = new EnumMap<>(Modality.class);
    test.features().forEach((m, f) -> {
      dims.put(m, f.featureDim());
      steps.put(m, f.sequenceLength());
    });
    Map<String, Float> labels = new HashMap<>();
    for (int i = 0; i < test.size(); i++) {
      labels.put(test.ids().get(i), test.labels().get(i));
    }
    return new DatasetCatalog(dataset.name(), dataset.fingerprint(), steps, dims, test.ids(), labels);
  }

  /** The dataset's name: the synthetic generator's, or the pickle's file name and layout. */
  public String name() {
    return name;
  }

  /** Lowercase hex SHA-256 of the dataset (devices must present the same). */
  public String fingerprint() {
    return fingerprint;
  }

  /** Time steps {@code T_m} per sample of {@code m}; empty when the dataset lacks the modality. */
  public Optional<Integer> sequenceLength(Modality m) {
    return Optional.ofNullable(sequenceLengths.get(m));
  }

  /** Modalities of the dataset with their sequence lengths {@code T_m}. */
  public Map<Modality, Integer> sequenceLengths() {
    return sequenceLengths;
  }

  /** Features per step d of {@code m}; empty when the dataset lacks the modality. */
  public Optional<Integer> featureDim(Modality m) {
    return Optional.ofNullable(featureDims.get(m));
  }

  /** Modalities of the dataset with their feature dimensions. */
  public Map<Modality, Integer> featureDims() {
    return featureDims;
  }

  /** Test-split sample ids in split order. */
  public List<String> testIds() {
    return testIds;
  }

  /** The label in [−3, 3] of test sample {@code id}; empty for an unknown id. */
  public Optional<Float> label(String id) {
    return Optional.ofNullable(labels.get(id));
  }
}
