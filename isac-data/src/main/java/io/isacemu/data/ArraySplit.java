package io.isacemu.data;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link MultimodalSplit} backed by one contiguous float buffer per modality (row-major {@code
 * [N, T_m, d_m]}), a {@code float[]} of labels and a {@code String[]} of ids.
 *
 * <p>{@link #slice} returns a view: it shares the buffers and arrays and only moves a sample
 * offset, so batching never copies features. Instances are immutable through this API; the
 * caller that built one from its own arrays must not mutate them afterwards.
 */
public final class ArraySplit implements MultimodalSplit {

  /** Layout and storage of one modality; {@code data} covers every sample of the root split. */
  private record Column(int sequenceLength, int featureDim, FloatBuffer data) {
    int floatsPerSample() {
      return sequenceLength * featureDim;
    }
  }

  private final EnumMap<Modality, Column> columns;
  private final float[] labels;
  private final String[] ids;
  private final ModalitySet[] evidence; // null when unknown (real data)
  private final int offset;
  private final int size;
  private final int maxSequenceLength;

  private ArraySplit(
      EnumMap<Modality, Column> columns,
      float[] labels,
      String[] ids,
      ModalitySet[] evidence,
      int offset,
      int size) {
    this.columns = columns;
    this.labels = labels;
    this.ids = ids;
    this.evidence = evidence;
    this.offset = offset;
    this.size = size;
    int max = 1;
    for (Column c : columns.values()) {
      max = Math.max(max, c.sequenceLength());
    }
    this.maxSequenceLength = max;
  }

  /** A builder for a split of {@code size} samples (≥ 0). */
  public static Builder builder(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("size: " + size + " must be >= 0");
    }
    return new Builder(size);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int sequenceLength() {
    return maxSequenceLength;
  }

  @Override
  public int sequenceLength(Modality m) {
    return column(m).sequenceLength();
  }

  @Override
  public Set<Modality> modalities() {
    return Collections.unmodifiableSet(columns.keySet());
  }

  @Override
  public int featureDim(Modality m) {
    return column(m).featureDim();
  }

  @Override
  public FloatBuffer features(Modality m) {
    Column c = column(m);
    int per = c.floatsPerSample();
    FloatBuffer view = c.data().duplicate();
    view.position(offset * per);
    view.limit((offset + size) * per);
    return view.slice().asReadOnlyBuffer();
  }

  @Override
  public float label(int i) {
    return labels[offset + checkIndex(i)];
  }

  @Override
  public String id(int i) {
    return ids[offset + checkIndex(i)];
  }

  @Override
  public Optional<ModalitySet> evidence(int i) {
    checkIndex(i);
    return evidence == null ? Optional.empty() : Optional.of(evidence[offset + i]);
  }

  @Override
  public ArraySplit slice(int from, int to) {
    if (from < 0 || to > size || from > to) {
      throw new IllegalArgumentException(
          "slice: [" + from + ", " + to + ") is not within [0, " + size + "]");
    }
    return new ArraySplit(columns, labels, ids, evidence, offset + from, to - from);
  }

  private Column column(Modality m) {
    Column c = columns.get(m);
    if (c == null) {
      throw new IllegalArgumentException(
          "modality: " + m + " is not carried by this split (carries " + columns.keySet() + ")");
    }
    return c;
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= size) {
      throw new IllegalArgumentException("index: " + i + " is outside [0, " + size + ")");
    }
    return i;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ArraySplit[size=").append(size);
    for (Map.Entry<Modality, Column> e : columns.entrySet()) {
      sb.append(", ")
          .append(e.getKey().symbol())
          .append('=')
          .append(e.getValue().sequenceLength())
          .append('x')
          .append(e.getValue().featureDim());
    }
    return sb.append(']').toString();
  }

  /** Collects columns, labels, ids and optional evidence and validates their shapes. */
  public static final class Builder {
    private final int size;
    private final EnumMap<Modality, Column> columns = new EnumMap<>(Modality.class);
    private float[] labels;
    private String[] ids;
    private ModalitySet[] evidence;

    private Builder(int size) {
      this.size = size;
    }

    /**
     * Adds modality {@code m} with features {@code data}, row-major {@code [size, sequenceLength,
     * featureDim]}; exactly that many floats must be {@code remaining()} in {@code data}. The
     * buffer is used as is (not copied).
     */
    public Builder modality(Modality m, int sequenceLength, int featureDim, FloatBuffer data) {
      if (m == null) {
        throw new IllegalArgumentException("modality: is required (was null)");
      }
      if (sequenceLength < 1) {
        throw new IllegalArgumentException(
            "sequenceLength[" + m + "]: " + sequenceLength + " must be >= 1");
      }
      if (featureDim < 1) {
        throw new IllegalArgumentException("featureDim[" + m + "]: " + featureDim + " must be >= 1");
      }
      if (data == null) {
        throw new IllegalArgumentException("features[" + m + "]: is required (was null)");
      }
      long expected = (long) size * sequenceLength * featureDim;
      if (data.remaining() != expected) {
        throw new IllegalArgumentException(
            "features["
                + m
                + "]: shape mismatch, "
                + data.remaining()
                + " floats found, expected "
                + expected
                + " = [N="
                + size
                + ", T="
                + sequenceLength
                + ", d="
                + featureDim
                + "]");
      }
      if (columns.containsKey(m)) {
        throw new IllegalArgumentException("modality: " + m + " added twice");
      }
      columns.put(m, new Column(sequenceLength, featureDim, data.slice()));
      return this;
    }

    /** Adds modality {@code m} backed by the whole array {@code data} (not copied). */
    public Builder modality(Modality m, int sequenceLength, int featureDim, float[] data) {
      if (data == null) {
        throw new IllegalArgumentException("features[" + m + "]: is required (was null)");
      }
      return modality(m, sequenceLength, featureDim, FloatBuffer.wrap(data));
    }

    /** Labels, one per sample, each finite and in {@code [−3, 3]}; the array is not copied. */
    public Builder labels(float[] labels) {
      if (labels == null || labels.length != size) {
        throw new IllegalArgumentException(
            "labels: shape mismatch, "
                + (labels == null ? "null" : labels.length + " values")
                + " found, expected "
                + size);
      }
      for (int i = 0; i < labels.length; i++) {
        if (!(labels[i] >= -3f && labels[i] <= 3f)) {
          throw new IllegalArgumentException(
              "labels[" + i + "]: " + labels[i] + " is outside the valid range [-3, 3]");
        }
      }
      this.labels = labels;
      return this;
    }

    /** Ids, one non-null per sample; the array is not copied. */
    public Builder ids(String[] ids) {
      if (ids == null || ids.length != size) {
        throw new IllegalArgumentException(
            "ids: shape mismatch, "
                + (ids == null ? "null" : ids.length + " values")
                + " found, expected "
                + size);
      }
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] == null) {
          throw new IllegalArgumentException("ids[" + i + "]: is required (was null)");
        }
      }
      this.ids = ids;
      return this;
    }

    /** Per-sample evidence sets (optional), one non-null per sample; the array is not copied. */
    public Builder evidence(ModalitySet[] evidence) {
      if (evidence == null || evidence.length != size) {
        throw new IllegalArgumentException(
            "evidence: shape mismatch, "
                + (evidence == null ? "null" : evidence.length + " values")
                + " found, expected "
                + size);
      }
      for (int i = 0; i < evidence.length; i++) {
        if (evidence[i] == null) {
          throw new IllegalArgumentException("evidence[" + i + "]: is required (was null)");
        }
      }
      this.evidence = evidence;
      return this;
    }

    /** The split; needs at least one modality, labels and ids. */
    public ArraySplit build() {
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("modalities: none added; a split needs at least one");
      }
      if (labels == null) {
        throw new IllegalArgumentException("labels: are required (not set)");
      }
      if (ids == null) {
        throw new IllegalArgumentException("ids: are required (not set)");
      }
      return new ArraySplit(new EnumMap<>(columns), labels, ids, evidence, 0, size);
    }
  }
}
