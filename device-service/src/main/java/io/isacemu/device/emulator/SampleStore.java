package io.isacemu.device.emulator;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.validation.Check;
import io.isacemu.data.MultimodalDataset;
import io.isacemu.data.MultimodalSplit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One modality's samples of a dataset, looked up by sample id over the train, valid and test splits
 * (an id → (split, index) map built once).
 *
 * <p>If an id occurs more than once, the first occurrence (train, then valid, then test) is served
 * and the repeat is counted in {@link #duplicateIds()}. Thread-safe (immutable after construction;
 * reads use duplicated buffers).
 */
public final class SampleStore {

  private record Location(MultimodalSplit split, int index) {}

  private final Modality modality;
  private final String fingerprint;
  private final int featureDim;
  private final int sequenceLength;
  private final Map<String, Location> byId;
  private final int duplicateIds;

  private SampleStore(MultimodalDataset dataset, Modality modality) {
    this.modality = modality;
    this.fingerprint = dataset.fingerprint();
    MultimodalSplit train = dataset.train();
    if (!train.modalities().contains(modality)) {
      throw new IllegalArgumentException("modality: " + modality + " is not in dataset "
          + dataset.name() + " (it has " + train.modalities() + ")");
    }
    this.featureDim = train.featureDim(modality);
    this.sequenceLength = train.sequenceLength(modality);
    Map<String, Location> map = new HashMap<>();
    int duplicates = 0;
    for (MultimodalSplit split : List.of(dataset.train(), dataset.valid(), dataset.test())) {
      if (split.featureDim(modality) != featureDim || split.sequenceLength(modality) != sequenceLength) {
        throw new IllegalArgumentException("dataset: " + dataset.name() + " has different T x d for "
            + modality + " across splits");
      }
      for (int i = 0; i < split.size(); i++) {
        if (map.putIfAbsent(split.id(i), new Location(split, i)) != null) {
          duplicates++;
        }
      }
    }
    this.byId = Map.copyOf(map);
    this.duplicateIds = duplicates;
  }

  /**
   * The samples of {@code modality} in {@code dataset}.
   *
   * @throws IllegalArgumentException naming the modality if the dataset does not carry it
   */
  public static SampleStore of(MultimodalDataset dataset, Modality modality) {
    Check.present("dataset", dataset);
    Check.present("modality", modality);
    return new SampleStore(dataset, modality);
  }

  /** The modality served. */
  public Modality modality() {
    return modality;
  }

  /** The dataset fingerprint (lowercase hex SHA-256). */
  public String fingerprint() {
    return fingerprint;
  }

  /** Features per time step {@code d}, ≥ 1. */
  public int featureDim() {
    return featureDim;
  }

  /** Time steps per sample {@code T}, ≥ 1. */
  public int sequenceLength() {
    return sequenceLength;
  }

  /** Number of distinct sample ids. */
  public int size() {
    return byId.size();
  }

  /** Ids that occurred again after their first occurrence (not served twice). */
  public int duplicateIds() {
    return duplicateIds;
  }

  /** Whether {@code sampleId} exists. */
  public boolean contains(String sampleId) {
    return byId.containsKey(sampleId);
  }

  /**
   * A copy of the sample's {@code T × d} features, row-major (value (t, j) at {@code t·d + j}),
   * exactly as stored in the dataset; empty when the id is unknown.
   */
  public Optional<float[]> features(String sampleId) {
    Location location = byId.get(sampleId);
    if (location == null) {
      return Optional.empty();
    }
    int length = sequenceLength * featureDim;
    float[] values = new float[length];
    // Absolute bulk get: leaves the shared view's position alone, so concurrent reads are safe.
    location.split().features(modality).get(location.index() * length, values);
    return Optional.of(values);
  }
}
